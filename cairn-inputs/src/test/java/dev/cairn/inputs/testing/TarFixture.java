package dev.cairn.inputs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Writes a tar in memory entry by entry, names exactly as given (absolute, with "..", with
 * "./"), so that a test shows the archive it feeds to the reader.
 */
public final class TarFixture {
    /**
     * Every entry's modification time: fixed, so that the same fixture gives the same bytes
     * (and a .deb the same SHA-256) in every run, as reproducible builds do with SOURCE_DATE_EPOCH.
     */
    private static final FileTime MTIME = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    public TarFixture() {
        this(StandardCharsets.UTF_8.name());
    }

    /** @param encoding how names are written in the headers (ISO-8859-1 for invalid UTF-8) */
    public TarFixture(String encoding) {
        tar = new TarArchiveOutputStream(bytes, encoding);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Writes long and non-ASCII names in pax headers, as POSIX tars do, rather than GNU's. */
    public TarFixture pax() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return this;
    }

    public TarFixture directory(String name) {
        return directory(name, 0755);
    }

    public TarFixture directory(String name, int mode) {
        return put(entry(name, TarConstants.LF_DIR, mode), new byte[0]);
    }

    public TarFixture file(String name, String content) {
        return file(name, content, 0644);
    }

    public TarFixture file(String name, String content, int mode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    public TarFixture file(String name, byte[] content, int mode) {
        return put(entry(name, TarConstants.LF_NORMAL, mode), content);
    }

    /** A file of {@code size} zero bytes, written without holding them in memory. */
    public TarFixture zeros(String name, long size) {
        TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, 0644);
        entry.setSize(size);
        try {
            tar.putArchiveEntry(entry);
            byte[] block = new byte[1 << 16];
            for (long left = size; left > 0; left -= block.length) {
                tar.write(block, 0, (int) Math.min(block.length, left));
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public TarFixture symlink(String name, String target) {
        TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, 0777);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    public TarFixture hardLink(String name, String target) {
        return hardLink(name, target, 0644);
    }

    public TarFixture hardLink(String name, String target, int mode) {
        TarArchiveEntry entry = entry(name, TarConstants.LF_LINK, mode);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    /** An entry of any other type: {@link TarConstants#LF_CHR}, {@link TarConstants#LF_FIFO}, ... */
    public TarFixture special(String name, byte type) {
        TarArchiveEntry entry = entry(name, type, 0644);
        entry.setDevMajor(1);
        entry.setDevMinor(3);
        return put(entry, new byte[0]);
    }

    /** The archive gzipped, as most released tarballs are. */
    public byte[] gzipped() {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(compressed)) {
            gzip.write(bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    public byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setMode(mode);
        entry.setModTime(MTIME);
        entry.setUserName("root");
        entry.setGroupName("root");
        return entry;
    }

    private TarFixture put(TarArchiveEntry entry, byte[] content) {
        try {
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
