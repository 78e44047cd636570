package dev.cairn.oci.registry;

import dev.cairn.oci.Digest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a registry's distribution API is, and the URIs of its endpoints. The scheme is chosen
 * once from the registry's name, so no request ever falls back from HTTPS to HTTP.
 */
record RegistryEndpoint(String registry, URI base) {
    static RegistryEndpoint of(String registry, TransportSecurity security) {
        // Docker Hub's name is not where its API is served.
        String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
        return new RegistryEndpoint(registry, URI.create(security.schemeFor(registry) + "://" + host));
    }

    URI ping() {
        return base.resolve("/v2/");
    }

    URI blob(Repository repository, Digest digest) {
        return base.resolve("/v2/" + repository.name() + "/blobs/" + digest);
    }

    URI uploads(Repository repository) {
        return base.resolve("/v2/" + repository.name() + "/blobs/uploads/");
    }

    URI mount(Repository repository, Digest digest, String from) {
        return URI.create(uploads(repository) + "?mount=" + encode(digest.toString()) + "&from=" + encode(from));
    }

    URI manifest(Repository repository, String reference) {
        return base.resolve("/v2/" + repository.name() + "/manifests/" + reference);
    }

    /** Whether a URI is on this registry's own host, the only one that may see its credentials. */
    boolean isSameHost(URI uri) {
        return authority(uri).equals(authority(base));
    }

    /** An upload session URI with {@code digest=…} added to whatever query it already has. */
    static URI withDigest(URI session, Digest digest) {
        String separator = session.getRawQuery() == null ? "?" : "&";
        return URI.create(session + separator + "digest=" + encode(digest.toString()));
    }

    private static String authority(URI uri) {
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
