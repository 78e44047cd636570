package dev.cairn.inputs.extract;

import dev.cairn.inputs.InputsException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads a tar stream entry by entry, streaming, and hands each to a visitor as an
 * {@link ArchiveEntry}: names normalised and checked, kinds a store object can hold, and the
 * {@link ExtractionLimits} enforced. Everything else is refused here, naming the archive and
 * the entry, so every consumer (extraction, reading a .deb's control files) gets the same
 * rules. GNU, POSIX (pax) and old v7 tars are read; the stream is the uncompressed tar.
 */
public final class TarReader {
    /** What was read: the number of entries and the uncompressed size of the archive. */
    public record Totals(long entries, long archiveBytes) {}

    private final String archive;
    private final ExtractionLimits limits;
    private final LimitedInputStream limited;
    private final StrictTarInputStream tar;
    private String current;
    private long entries;

    private TarReader(InputStream in, String archive, ExtractionLimits limits) {
        this.archive = archive;
        this.limits = limits;
        this.limited = new LimitedInputStream(in, limits.maxBytes());
        this.tar = new StrictTarInputStream(limited);
    }

    /**
     * Reads every entry of {@code in} (which is not closed) into {@code visitor}.
     *
     * @param archive names the archive in messages ("hello_2.10-3_amd64.deb (data.tar.xz)")
     */
    public static Totals read(InputStream in, String archive, ExtractionLimits limits, EntryVisitor visitor) {
        return new TarReader(in, archive, limits).readAll(visitor);
    }

    private Totals readAll(EntryVisitor visitor) {
        for (TarArchiveEntry entry = next(); entry != null; entry = next()) {
            current = entry.getName();
            entries++;
            if (entries > limits.maxEntries()) {
                throw new InputsException(archive + ": entry '" + current + "' is one more than the extraction limit of "
                        + limits.maxEntries() + " entries", bombHint());
            }
            ArchiveEntry checked = check(entry);
            InputStream content = InputStream.nullInputStream();
            if (checked instanceof ArchiveEntry.RegularFile file) {
                // Refused before a byte is written, when the header already says it is too big.
                if (limited.count() + file.size() > limits.maxBytes()) {
                    throw tooLarge("entry '" + current + "' takes the archive");
                }
                content = new Content(tar);
            }
            try {
                visitor.visit(checked, content);
            } catch (IOException e) {
                throw failure(e, e instanceof DamagedArchive, "entry '" + current + "' takes the archive");
            }
        }
        return new Totals(entries, limited.count());
    }

    private TarArchiveEntry next() {
        try {
            return tar.next();
        } catch (IOException e) {
            throw failure(e, true, current == null ? "the archive's first header takes it"
                    : "the header after entry '" + current + "' takes the archive");
        }
    }

    private InputsException failure(IOException e, boolean reading, String whatIsTooLarge) {
        if (limited.exceeded()) {
            return tooLarge(whatIsTooLarge);
        }
        if (reading) {
            Throwable cause = e instanceof DamagedArchive ? e.getCause() : e;
            return new InputsException(archive + " is damaged " + where() + ": " + cause.getMessage(),
                    "fetch it again; if it is damaged at its source, it cannot be used", e);
        }
        return new InputsException(archive + ": cannot extract entry '" + current + "': " + e,
                "check that the scratch directory is writable and its disk has space", e);
    }

    private ArchiveEntry check(TarArchiveEntry entry) {
        String name = entry.getName();
        if (tar.hadInvalidName() && (name.indexOf('?') >= 0 || entry.getLinkName().indexOf('?') >= 0)) {
            throw EntryPath.refused(archive, name, "has a name that is not valid UTF-8 (shown with '?')");
        }
        EntryPath path = EntryPath.parse(archive, name);
        int mode = entry.getMode() & 07777;
        if (entry.isSparse()) {
            throw unsupported(name, "is a sparse file, which cairn does not extract");
        }
        ArchiveEntry checked = switch (entry.getLinkFlag()) {
            case TarConstants.LF_DIR -> new ArchiveEntry.Directory(name, path, mode);
            // Old (v7) tars mark directories only by the trailing slash.
            case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG -> name.endsWith("/")
                    ? new ArchiveEntry.Directory(name, path, mode)
                    : new ArchiveEntry.RegularFile(name, path, mode, entry.getSize());
            case TarConstants.LF_SYMLINK -> symlink(entry, path);
            case TarConstants.LF_LINK -> new ArchiveEntry.HardLink(name, path,
                    EntryPath.parseLinkTarget(archive, name, entry.getLinkName()), mode);
            case TarConstants.LF_CHR -> throw unsupported(name, "is a character device, which a store object cannot hold");
            case TarConstants.LF_BLK -> throw unsupported(name, "is a block device, which a store object cannot hold");
            case TarConstants.LF_FIFO -> throw unsupported(name, "is a FIFO (named pipe), which a store object cannot hold");
            default -> throw unsupported(name, "has tar entry type '" + (char) entry.getLinkFlag()
                    + "', which cairn does not extract");
        };
        if (path.isRoot() && !(checked instanceof ArchiveEntry.Directory)) {
            throw EntryPath.refused(archive, name, "names the root of the archive but is not a directory");
        }
        return checked;
    }

    private ArchiveEntry.Symlink symlink(TarArchiveEntry entry, EntryPath path) {
        String target = entry.getLinkName();
        if (target.isEmpty()) {
            throw EntryPath.refused(archive, entry.getName(), "is a symlink with an empty target");
        }
        if (target.indexOf('\uFFFD') >= 0) {
            throw EntryPath.refused(archive, entry.getName(), "is a symlink whose target is not valid UTF-8");
        }
        return new ArchiveEntry.Symlink(entry.getName(), path, target);
    }

    private InputsException unsupported(String name, String problem) {
        return new InputsException(archive + ": entry '" + name + "' " + problem,
                "cairn builds images from directories, regular files and symlinks only; "
                        + "a package that ships device nodes or pipes cannot be used (devices come from the container runtime)");
    }

    private InputsException tooLarge(String what) {
        return new InputsException(archive + ": " + what + " past the extraction limit of " + limits.maxBytes()
                + " bytes uncompressed", bombHint());
    }

    private String bombHint() {
        return "an archive that expands this much is a decompression bomb or damaged; "
                + "if it is genuine, raise the extraction limit";
    }

    private String where() {
        return current == null ? "at its start" : "at or after entry '" + current + "'";
    }

    /** A read of the archive failed: the archive is damaged, whatever the visitor was doing. */
    private static final class DamagedArchive extends IOException {
        DamagedArchive(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** An entry's bytes for the visitor: reading failures marked, closing harmless. */
    private static final class Content extends FilterInputStream {
        Content(InputStream tar) {
            super(tar);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new DamagedArchive(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw new DamagedArchive(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw new DamagedArchive(e);
            }
        }

        @Override
        public void close() {}
    }
}
