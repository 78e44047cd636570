package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where a Debian repository lives: an {@code http}, {@code https} or {@code file} URI with no
 * query or fragment, held without a trailing slash. Paths below it (dists/…, pool/…) come
 * from signed indexes and are checked by {@link #resolve} before they become URLs.
 *
 * <p>Plain {@code http} is what Debian mirrors normally serve, and that is fine: trust comes
 * from the InRelease signature and the hashes chained from it, never from the transport.
 */
public record RepositoryUri(URI uri) {
    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

    public RepositoryUri {
        if (uri == null || uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawPath() == null
                || uri.getRawPath().endsWith("/") && uri.getRawPath().length() > 1) {
            throw new IllegalArgumentException("not a normalised repository URI: " + uri);
        }
    }

    /** @param source names where the text came from, e.g. "/etc/apt/sources.list.d/debian.sources:3" */
    public static RepositoryUri parse(String text, String source) {
        URI parsed;
        try {
            parsed = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InputsException(source + ": '" + text + "' is not a URI (" + e.getReason() + ")",
                    "write the repository as http://host/path, https://host/path or file:/path");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || parsed.isOpaque()) {
            throw new InputsException(source + ": repository '" + text + "' uses "
                    + (scheme.isEmpty() ? "no scheme" : "the scheme '" + scheme + "'") + ", which cairn cannot fetch from",
                    "use an http://, https:// or file:/ repository (apt's cdrom:, mirror+ and tor+ methods are not supported)");
        }
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw new InputsException(source + ": repository '" + text + "' has a query or fragment",
                    "give the repository's base URI only, e.g. the directory holding dists/ and pool/");
        }
        if (!scheme.equals("file") && (parsed.getHost() == null || parsed.getHost().isEmpty())) {
            throw new InputsException(source + ": repository '" + text + "' names no host",
                    "write the repository as " + scheme + "://host/path");
        }
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals("/") && !scheme.equals("file")) {
            path = "";
        }
        try {
            return new RepositoryUri(new URI(scheme + ":" + (parsed.getRawAuthority() == null ? "" : "//" + parsed.getRawAuthority()) + path));
        } catch (URISyntaxException e) {
            throw new InputsException(source + ": '" + text + "' is not a URI (" + e.getReason() + ")",
                    "write the repository as http://host/path, https://host/path or file:/path");
        }
    }

    /**
     * The URI of {@code relativePath} below this repository. The path comes from an index
     * (a Packages {@code Filename}, a Release entry), so it must stay below the repository:
     * no leading slash, no {@code .} or {@code ..} segments, no empty segments.
     *
     * @param source names where the path came from, for the message
     */
    public URI resolve(String relativePath, String source) {
        checkRelative(relativePath, source);
        StringBuilder encoded = new StringBuilder(uri.getRawPath());
        for (String segment : relativePath.split("/")) {
            encoded.append('/').append(PathSegments.encode(segment));
        }
        return URI.create(uri.getScheme() + ":" + (uri.getRawAuthority() == null ? "" : "//" + uri.getRawAuthority()) + encoded);
    }

    static void checkRelative(String relativePath, String source) {
        boolean bad = relativePath == null || relativePath.isEmpty() || relativePath.startsWith("/")
                || relativePath.endsWith("/") || relativePath.contains("\\");
        if (!bad) {
            for (String segment : relativePath.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                        || segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    bad = true;
                    break;
                }
            }
        }
        if (bad) {
            throw new InputsException(source + ": path '" + relativePath + "' does not stay inside the repository",
                    "the index is damaged or hostile; do not use this repository until it is explained");
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
