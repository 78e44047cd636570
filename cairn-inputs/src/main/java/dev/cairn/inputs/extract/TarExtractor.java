package dev.cairn.inputs.extract;

import dev.cairn.inputs.InputsException;
import dev.cairn.store.TreeDeletion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Extracts a tar stream into a new directory under the rules of this package
 * ({@code package-info}): all of it or nothing, since a failed extraction deletes the
 * directory it made.
 */
public final class TarExtractor {
    private TarExtractor() {}

    /**
     * @param tar the uncompressed tar stream (see {@link ArchiveCompression}); not closed
     * @param archive names the archive in messages ("hello_2.10-3_amd64.deb (data.tar.xz)")
     * @param destination a directory to create; it must not exist, its parent must
     */
    public static ExtractionReport extract(InputStream tar, String archive, Path destination, ExtractionLimits limits) {
        requireUtf8FileNames();
        try {
            Files.createDirectory(destination);
        } catch (IOException e) {
            throw new InputsException("cannot create " + destination + " to extract " + archive + " into: " + e,
                    "it must not exist yet, and its parent must exist and be writable", e);
        }
        try {
            SafeTree tree = new SafeTree(destination, archive);
            TarReader.Totals totals = TarReader.read(tar, archive, limits, tree);
            return new ExtractionReport(totals.entries(), tree.bytes(), tree.droppedSpecialBits());
        } catch (RuntimeException | Error failure) {
            try {
                TreeDeletion.delete(destination);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** The JVM encodes file names with the locale's charset; under C/POSIX non-ASCII breaks. */
    private static void requireUtf8FileNames() {
        String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (!encoding.equalsIgnoreCase("UTF-8") && !encoding.equalsIgnoreCase("UTF8")) {
            throw new InputsException("this JVM encodes file names as " + encoding + ", not UTF-8",
                    "run it with a UTF-8 locale, e.g. LC_ALL=C.UTF-8 (the ./cairn launcher does this)");
        }
    }
}
