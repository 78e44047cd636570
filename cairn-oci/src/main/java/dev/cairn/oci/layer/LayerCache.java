package dev.cairn.oci.layer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.OciException;
import dev.cairn.oci.OciJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Compressed layers kept between builds, keyed by {@link LayerContents#fingerprint()} and
 * compression: a rebuild whose layer inputs did not change copies the blob instead of
 * compressing again. A hit is checked against the blob's size; a damaged cache entry is
 * ignored and rewritten, never trusted.
 */
public final class LayerCache {
    /** Bump when the tar or compression format changes, so old entries stop matching. */
    private static final String FORMAT = "v1";
    private final Path root;

    private LayerCache(Path root) {
        this.root = root;
    }

    public static LayerCache at(Path root) {
        try {
            Files.createDirectories(root.resolve("blobs"));
            Files.createDirectories(root.resolve("layers"));
        } catch (IOException e) {
            throw new OciException("cannot create the layer cache at " + root + ": " + e.getMessage(),
                    "make it writable, or point the cache elsewhere", e);
        }
        return new LayerCache(root);
    }

    /** The cache key of a layer, when its contents can be fingerprinted. */
    public static Optional<String> key(LayerContents contents, Compression compression) {
        return contents.fingerprint().map(fingerprint -> FORMAT + "-" + compression.name().toLowerCase(java.util.Locale.ROOT)
                + "-" + fingerprint);
    }

    record Entry(
            @JsonProperty("mediaType") String mediaType,
            @JsonProperty("digest") Digest digest,
            @JsonProperty("size") long size,
            @JsonProperty("diffId") Digest diffId,
            @JsonProperty("tarSize") long tarSize) {}

    public Optional<Layer> find(String key) {
        Path file = root.resolve("layers").resolve(key + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Entry entry = OciJson.read(Files.readAllBytes(file), Entry.class, file.toString());
            Path blob = blob(entry.digest());
            if (!Files.isRegularFile(blob) || Files.size(blob) != entry.size()) {
                return Optional.empty();
            }
            return Optional.of(new Layer(Descriptor.of(entry.mediaType(), entry.digest(), entry.size()), entry.diffId(),
                    entry.tarSize()));
        } catch (IOException | OciException damaged) {
            return Optional.empty();
        }
    }

    public Path blob(Digest digest) {
        return root.resolve("blobs").resolve(digest.encoded());
    }

    /** Keeps a copy of {@code blobFile} as the layer for {@code key}. */
    public void put(String key, Layer layer, Path blobFile) throws IOException {
        Path blob = blob(layer.descriptor().digest());
        if (!Files.isRegularFile(blob) || Files.size(blob) != layer.descriptor().size()) {
            Path temporary = Files.createTempFile(blob.getParent(), ".tmp-", "");
            try {
                Files.copy(blobFile, temporary, StandardCopyOption.REPLACE_EXISTING);
                // Layouts hard-link cached blobs; read-only keeps a stray write from reaching the cache.
                Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
                Files.move(temporary, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        Entry entry = new Entry(layer.descriptor().mediaType(), layer.descriptor().digest(), layer.descriptor().size(),
                layer.diffId(), layer.tarSize());
        Path file = root.resolve("layers").resolve(key + ".json");
        Path temporary = Files.createTempFile(file.getParent(), ".tmp-", "");
        try {
            Files.write(temporary, OciJson.bytes(entry));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
