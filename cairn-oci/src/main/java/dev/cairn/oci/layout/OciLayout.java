package dev.cairn.oci.layout;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.OciException;
import dev.cairn.oci.OciJson;
import dev.cairn.oci.image.ImageIndex;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}).
 * Blobs are written under a temporary name and renamed to their digest, so a blob file is
 * always complete.
 */
public final class OciLayout {
    private static final byte[] LAYOUT_MARKER = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
    private final Path root;

    private OciLayout(Path root) {
        this.root = root;
    }

    /** Starts a layout in {@code root}, which is created (it may exist and be empty). */
    public static OciLayout create(Path root) throws IOException {
        Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        Files.write(root.resolve("oci-layout"), LAYOUT_MARKER);
        return new OciLayout(root);
    }

    /** Opens an existing layout, checking its marker file. */
    public static OciLayout open(Path root) {
        if (!Files.isRegularFile(root.resolve("oci-layout"))) {
            throw new OciException(root + " is not an OCI image layout (no oci-layout file)", "point at a layout directory");
        }
        return new OciLayout(root);
    }

    public Path root() {
        return root;
    }

    public Path blob(Digest digest) {
        return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.encoded());
    }

    public Descriptor writeBlob(String mediaType, byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        Path target = blob(digest);
        if (!Files.exists(target)) {
            Path temporary = Files.createTempFile(target.getParent(), ".tmp-", "");
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return Descriptor.of(mediaType, digest, content.length);
    }

    /** Streams a blob whose digest is only known at the end; {@code writer} returns it. */
    public <T> T writeBlob(BlobWriter<T> writer, java.util.function.Function<T, Digest> digestOf) throws IOException {
        Path temporary = Files.createTempFile(root.resolve("blobs").resolve("sha256"), ".tmp-", "");
        try {
            T result;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                result = writer.write(out);
            }
            Files.move(temporary, blob(digestOf.apply(result)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return result;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Brings a blob that exists elsewhere (a cache) into the layout: a hard link when the two
     * share a filesystem, which costs nothing, else a copy. Blobs are never written in place,
     * so sharing the inode is safe.
     */
    public void importBlob(Path source, Digest digest) throws IOException {
        Path target = blob(digest);
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createLink(target, source);
            return;
        } catch (IOException | UnsupportedOperationException differentFilesystem) {
            // fall through to a copy
        }
        Path temporary = Files.createTempFile(target.getParent(), ".tmp-", "");
        try {
            Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public void writeIndex(ImageIndex index) throws IOException {
        Files.write(root.resolve("index.json"), OciJson.bytes(index));
    }

    public ImageIndex index() {
        try {
            return OciJson.read(Files.readAllBytes(root.resolve("index.json")), ImageIndex.class, root + "/index.json");
        } catch (IOException e) {
            throw new OciException("cannot read " + root.resolve("index.json") + ": " + e.getMessage(),
                    "is this a complete OCI layout?", e);
        }
    }

    /** Writes a blob's bytes; returns what the layout needs to name it. */
    @FunctionalInterface
    public interface BlobWriter<T> {
        T write(OutputStream out) throws IOException;
    }
}
