package dev.cairn.oci;

/**
 * Told how much work is done as it happens: bytes compressed into layers, uploaded to a
 * registry. Called from several threads at once; implementations keep it cheap.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (phase, bytes) -> {};

    /** {@code bytes} more of {@code phase} ("layers", "upload") are done. */
    void advance(String phase, long bytes);
}
