package dev.cairn.oci.registry;

import dev.cairn.oci.Digest;
import dev.cairn.oci.ImageReference;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.OciException;
import java.net.URI;
import java.util.Optional;

/** Puts and gets manifests (and indexes): the documents that name an image's blobs. */
final class ManifestTransfer {
    /** The limit the distribution spec suggests registries hold manifests to. */
    static final int MANIFEST_LIMIT = 4 << 20;
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST);

    private final RegistryHttp http;

    ManifestTransfer(RegistryHttp http) {
        this.http = http;
    }

    void put(Repository repository, String reference, byte[] manifest, String mediaType, Digest digest) {
        String what = "pushing manifest " + digest + " to " + repository + (reference.equals(digest.toString()) ? "" : ":" + reference);
        URI uri = http.endpoint(repository.registry()).manifest(repository, reference);
        http.retrier().run(what, () -> {
            RegistryRequest put = RegistryRequest.of(repository.registry(), "PUT", uri, Scope.push(repository))
                    .withBody(RequestBody.of(manifest, "the manifest " + digest), mediaType);
            try (RegistryResponse response = http.send(put).expect(what, 201, 200, 204)) {
                Optional<String> stored = response.header("Docker-Content-Digest");
                if (stored.isPresent() && !stored.get().equals(digest.toString())) {
                    throw new OciException(what + ": the registry stored it as " + stored.get(),
                            "the registry rewrote the manifest; use a registry that stores manifests as sent");
                }
                return null;
            }
        });
    }

    PulledManifest get(ImageReference image) {
        String reference = image.tagOrDigest().orElseThrow(() -> new OciException(
                "'" + image + "' names no tag or digest to pull", "add :TAG or @sha256:… to the reference"));
        if (image.digest() != null && !isSha256(image.digest())) {
            throw new OciException("cannot verify " + image.digest() + ": cairn checks sha256 digests only",
                    "pull the manifest by tag or by its sha256 digest");
        }
        Repository repository = Repository.of(image);
        String what = "pulling manifest " + image;
        URI uri = http.endpoint(repository.registry()).manifest(repository, reference);
        return http.retrier().run(what, () -> {
            RegistryRequest get = RegistryRequest.of(repository.registry(), "GET", uri, Scope.pull(repository))
                    .withHeader("Accept", ACCEPT);
            try (RegistryResponse response = http.send(get).expect(what, 200)) {
                byte[] bytes = response.bytes(MANIFEST_LIMIT, what);
                Digest actual = Digest.sha256(bytes);
                Optional<Digest> claimed = image.digest() != null ? Optional.of(image.digest())
                        : response.header("Docker-Content-Digest").map(Digest::parse).filter(ManifestTransfer::isSha256);
                claimed.filter(expected -> !expected.equals(actual)).ifPresent(expected -> {
                    throw new OciException(what + ": expected digest " + expected + " but the content is " + actual,
                            "the registry or a proxy in between served other content; try again, and tell the registry's operator if it persists");
                });
                return new PulledManifest(bytes, mediaType(response, what), actual);
            }
        });
    }

    private static boolean isSha256(Digest digest) {
        return digest.algorithm().equals("sha256");
    }

    private static String mediaType(RegistryResponse response, String what) {
        String contentType = response.header("Content-Type").orElse("");
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        if (mediaType.isEmpty()) {
            throw new OciException(what + ": the registry sent no Content-Type",
                    "the registry does not follow the distribution spec; report it to its operator");
        }
        return mediaType;
    }
}
