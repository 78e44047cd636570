package dev.cairn.oci;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code registry[:port]/repository[:tag][@digest]}. The registry is always written out:
 * cairn has no default registry, so a reference never sends an image somewhere unsaid.
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern REGISTRY = Pattern.compile("(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

    public ImageReference {
        if (!REGISTRY.matcher(registry).matches()) {
            throw invalid(registry + "/" + repository, "'" + registry + "' is not a registry host[:port]");
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw invalid(registry + "/" + repository, "'" + repository + "' is not a repository name (lowercase, digits, . _ - and /)");
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw invalid(registry + "/" + repository + ":" + tag, "'" + tag + "' is not a tag");
        }
    }

    public static ImageReference parse(String text) {
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw invalid(text, "it names no registry");
        }
        String registry = rest.substring(0, slash);
        if (!registry.contains(".") && !registry.contains(":") && !registry.equals("localhost")) {
            throw invalid(text, "'" + registry + "' does not look like a registry host (it has no '.' or ':port')");
        }
        String path = rest.substring(slash + 1);
        String tag = null;
        int colon = path.lastIndexOf(':');
        if (colon >= 0) {
            tag = path.substring(colon + 1);
            path = path.substring(0, colon);
        }
        return new ImageReference(registry, path, tag, digest);
    }

    public Optional<String> tagOrDigest() {
        return digest != null ? Optional.of(digest.toString()) : Optional.ofNullable(tag);
    }

    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** {@code registry/repository}, without tag or digest. */
    public String repositoryReference() {
        return registry + "/" + repository;
    }

    @Override
    public String toString() {
        return repositoryReference() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    private static OciException invalid(String text, String why) {
        return new OciException("'" + text + "' is not an image reference: " + why,
                "write it as REGISTRY[:PORT]/REPOSITORY[:TAG], e.g. 127.0.0.1:5000/team/app:1.0");
    }
}
