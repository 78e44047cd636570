package dev.cairn.inputs.debian.deb;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.extract.ArchiveCompression;
import dev.cairn.inputs.extract.ArchiveEntry;
import dev.cairn.inputs.extract.ExtractionLimits;
import dev.cairn.inputs.extract.TarReader;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;

/**
 * An open .deb, read in one streaming pass as deb(5) lays it out: an ar archive of
 * {@code debian-binary} (format 2.x), {@code control.tar[.gz|.xz|.zst]} and
 * {@code data.tar[.gz|.xz|.zst|.bz2|.lzma]}, in that order, with members whose names start
 * with '_' skipped between them (signatures) and anything after data.tar ignored.
 *
 * <p>Opening reads up to the start of data.tar: the control member is small and read into
 * memory (capped at {@value #CONTROL_MAX_BYTES} bytes uncompressed), the data member never is:
 * {@link #data()} streams it.
 */
public final class DebArchive implements Closeable {
    static final long CONTROL_MAX_BYTES = 64L << 20;
    private static final long CONTROL_MAX_ENTRIES = 10_000;
    private static final int FORMAT_MAX_BYTES = 4096;
    private static final Set<String> KEPT = Set.of("control", "md5sums", "conffiles", "postinst");

    private final Path file;
    private final ArArchiveInputStream ar;
    private final DebControl control;
    private final String dataMember;
    private final ArchiveCompression dataCompression;
    private boolean dataTaken;

    private DebArchive(Path file, ArArchiveInputStream ar, DebControl control, String dataMember,
            ArchiveCompression dataCompression) {
        this.file = file;
        this.ar = ar;
        this.control = control;
        this.dataMember = dataMember;
        this.dataCompression = dataCompression;
    }

    public static DebArchive open(Path deb) {
        return open(deb, ExtractionLimits.DEFAULT);
    }

    /** Opens the package and reads its control member; fails naming the file if it is not a valid .deb. */
    public static DebArchive open(Path deb, ExtractionLimits limits) {
        InputStream in;
        try {
            in = Files.newInputStream(deb);
        } catch (NoSuchFileException e) {
            throw new InputsException(deb + " does not exist", "check the path, or fetch the package again");
        } catch (IOException e) {
            throw new InputsException("cannot read " + deb + ": " + e, "check that it is readable", e);
        }
        ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            ArArchiveEntry format = ar.getNextEntry();
            if (format == null || !memberName(format).equals("debian-binary")) {
                throw notDeb(deb, format == null ? "it is an empty ar archive"
                        : "its first member is '" + memberName(format) + "', not debian-binary");
            }
            checkFormat(deb, ar);
            ArArchiveEntry controlEntry = nextMember(deb, ar, "control.tar");
            String controlMember = memberName(controlEntry);
            DebControl control = readControlMember(deb, controlMember,
                    compression(deb, controlMember, "control.tar").decompress(unclosable(ar)), limits);
            String dataMember = memberName(nextMember(deb, ar, "data.tar"));
            return new DebArchive(deb, ar, control, dataMember, compression(deb, dataMember, "data.tar"));
        } catch (IOException e) {
            closeQuietly(ar, e);
            throw new InputsException(deb + " is not a Debian package or is damaged: " + e.getMessage(),
                    "fetch it again; a .deb is an ar archive of debian-binary, control.tar and data.tar", e);
        } catch (RuntimeException e) {
            closeQuietly(ar, e);
            throw e;
        }
    }

    /** Reads only a package's control member. */
    public static DebControl readControl(Path deb) {
        try (DebArchive archive = open(deb)) {
            return archive.control();
        }
    }

    public Path file() {
        return file;
    }

    public DebControl control() {
        return control;
    }

    /** The data member's name in the ar archive: {@code data.tar.xz}. */
    public String dataMember() {
        return dataMember;
    }

    /** Names the data archive in messages: {@code /x/hello_2.10-3_amd64.deb (data.tar.xz)}. */
    public String dataArchiveName() {
        return file + " (" + dataMember + ")";
    }

    /**
     * The uncompressed data.tar, streaming; read it with {@link TarReader} or extract it with
     * {@link dev.cairn.inputs.extract.TarExtractor}. Callable once; closing the stream is
     * optional, closing this archive is not.
     */
    public InputStream data() {
        if (dataTaken) {
            throw new IllegalStateException("the data of " + file + " was already read");
        }
        dataTaken = true;
        try {
            return dataCompression.decompress(unclosable(ar));
        } catch (IOException e) {
            throw new InputsException(dataArchiveName() + " is damaged: " + e.getMessage(),
                    "fetch the package again", e);
        }
    }

    @Override
    public void close() {
        try {
            ar.close();
        } catch (IOException e) {
            throw new InputsException("cannot close " + file + ": " + e, "check the disk it is on", e);
        }
    }

    /** deb(5): "2.0" now; readers accept any 2.x and ignore further lines. */
    private static void checkFormat(Path deb, ArArchiveInputStream ar) throws IOException {
        byte[] bytes = ar.readNBytes(FORMAT_MAX_BYTES);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String version = text.lines().findFirst().orElse("").strip();
        if (!version.matches("2\\.[0-9]+")) {
            throw new InputsException(deb + " has package format '" + version + "' in debian-binary; cairn reads 2.x",
                    version.startsWith("0.") ? "this is a pre-1995 old-format package; rebuild it with dpkg-deb"
                            : "the package is damaged or not a Debian binary package; fetch it again");
        }
    }

    /** The next member that is not to be skipped, which must be {@code stem} with a compression suffix. */
    private static ArArchiveEntry nextMember(Path deb, ArArchiveInputStream ar, String stem) throws IOException {
        for (ArArchiveEntry entry = ar.getNextEntry(); entry != null; entry = ar.getNextEntry()) {
            String name = memberName(entry);
            if (name.startsWith("_")) {
                continue;
            }
            if (name.equals(stem) || name.startsWith(stem + ".")) {
                return entry;
            }
            throw notDeb(deb, "it has the member '" + name + "' where " + stem + " was expected");
        }
        throw notDeb(deb, "it has no " + stem + " member");
    }

    private static ArchiveCompression compression(Path deb, String member, String stem) {
        String suffix = member.substring(stem.length());
        return ArchiveCompression.forSuffix(suffix).orElseThrow(() -> new InputsException(
                deb + ": its member " + member + " is compressed as '" + suffix + "', which cairn does not read",
                "cairn reads members compressed with gzip, xz, zstd, bzip2 or lzma, or not at all"));
    }

    private static DebControl readControlMember(Path deb, String member, InputStream tar, ExtractionLimits limits) {
        ExtractionLimits controlLimits = new ExtractionLimits(Math.min(limits.maxBytes(), CONTROL_MAX_BYTES),
                Math.min(limits.maxEntries(), CONTROL_MAX_ENTRIES));
        Map<String, byte[]> kept = new HashMap<>();
        Set<String> names = new TreeSet<>();
        TarReader.read(tar, deb + " (" + member + ")", controlLimits, (entry, content) -> {
            if (entry instanceof ArchiveEntry.RegularFile && entry.path().components().size() == 1) {
                String name = entry.path().components().getFirst();
                names.add(name);
                if (KEPT.contains(name)) {
                    kept.put(name, content.readAllBytes());
                }
            }
        });
        return DebControl.parse(deb.toString(), kept, names);
    }

    /** ar (GNU) may end member names with '/'. */
    private static String memberName(ArArchiveEntry entry) {
        String name = entry.getName();
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static InputsException notDeb(Path deb, String why) {
        return new InputsException(deb + " is not a Debian package: " + why,
                "fetch it again; a .deb is an ar archive of debian-binary, control.tar and data.tar");
    }

    /** A member's stream for a decompressor, whose close must not close the whole archive. */
    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {}
        };
    }

    private static void closeQuietly(Closeable closeable, Exception failure) {
        try {
            closeable.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
