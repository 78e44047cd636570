package dev.cairn.oci.layer;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.DigestingOutputStream;
import dev.cairn.oci.OciException;
import dev.cairn.oci.Progress;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a layer in one streaming pass: tar, then compression, with the uncompressed digest
 * (diffID) and the compressed digest and size taken on the way. Reproducible by
 * construction: entries in {@link LayerContents} order, every mtime the same, owners by
 * number with empty names, PAX headers for what ustar cannot hold.
 */
public final class LayerWriter {
    /** Every entry's modification time: 1970-01-01T00:00:01Z, as in the store. */
    public static final FileTime MTIME = FileTime.fromMillis(1000);

    private LayerWriter() {}

    /** Writes the layer to {@code sink}, which is flushed but left open. */
    public static Layer write(LayerContents contents, Compression compression, OutputStream sink) throws IOException {
        return write(contents, compression, sink, Progress.NONE);
    }

    /** As {@link #write(LayerContents, Compression, OutputStream)}, telling {@code progress} each file's bytes. */
    public static Layer write(LayerContents contents, Compression compression, OutputStream sink, Progress progress)
            throws IOException {
        DigestingOutputStream blob = new DigestingOutputStream(new KeepOpen(sink));
        DigestingOutputStream tar = new DigestingOutputStream(compression.compress(blob));
        writeTar(contents, tar, progress);
        Descriptor descriptor = Descriptor.of(compression.mediaType(), blob.digest(), blob.size());
        return new Layer(descriptor, tar.digest(), tar.size());
    }

    /**
     * Writes the same reproducible tar without compressing or hashing it, for archives whose
     * own digest nobody needs (an OCI archive of a layout); closes {@code out}.
     */
    public static void writeTar(LayerContents contents, OutputStream out, Progress progress) throws IOException {
        try (TarArchiveOutputStream archive = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
            archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            archive.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            archive.setAddPaxHeadersForNonAsciiNames(true);
            byte[] buffer = new byte[1 << 20];
            for (LayerEntry entry : contents.entries()) {
                archive.putArchiveEntry(header(entry));
                if (entry.type() == LayerEntry.Type.FILE) {
                    copy(entry, archive, buffer);
                    progress.advance("layers", entry.size());
                }
                archive.closeArchiveEntry();
            }
            archive.finish();
        }
    }

    private static TarArchiveEntry header(LayerEntry entry) {
        TarArchiveEntry header = switch (entry.type()) {
            case DIRECTORY -> new TarArchiveEntry(entry.path() + "/", TarConstants.LF_DIR);
            case FILE -> new TarArchiveEntry(entry.path(), TarConstants.LF_NORMAL);
            case SYMLINK -> new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK);
            case HARDLINK -> new TarArchiveEntry(entry.path(), TarConstants.LF_LINK);
        };
        if (entry.linkTarget() != null) {
            header.setLinkName(entry.linkTarget());
        }
        header.setMode(entry.mode());
        header.setIds(entry.uid(), entry.gid());
        header.setNames("", "");
        header.setModTime(MTIME);
        header.setSize(entry.type() == LayerEntry.Type.FILE ? entry.size() : 0);
        return header;
    }

    private static void copy(LayerEntry entry, OutputStream out, byte[] buffer) throws IOException {
        long copied = 0;
        try (InputStream in = entry.content().open()) {
            int n;
            while (copied < entry.size() && (n = in.read(buffer, 0, (int) Math.min(buffer.length, entry.size() - copied))) > 0) {
                out.write(buffer, 0, n);
                copied += n;
            }
            if (copied != entry.size() || in.read() >= 0) {
                throw new OciException("'" + entry.path() + "' changed size while its layer was written (expected "
                        + entry.size() + " bytes)", "do not modify inputs during a build; run it again");
            }
        }
    }

    /** The caller owns the sink: finishing the compressed stream must not close it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
