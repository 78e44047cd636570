package dev.cairn.inputs.debian.index;

import com.github.luben.zstd.ZstdInputStream;
import dev.cairn.inputs.InputsException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Reads a Packages index in any of the compressions Debian repositories publish and apt
 * stores in /var/lib/apt/lists: none, gzip, xz, LZ4 (framed, apt's own lists) and zstd. The
 * compression is told by the file name's extension, as apt does.
 */
public final class PackagesFile {
    private PackagesFile() {}

    /** The index's text, decompressed. Packages files are UTF-8 (Policy 5.1). */
    public static String read(Path file) {
        try (InputStream in = open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputsException(file + " does not exist", "check the path, or fetch the index again");
        } catch (IOException e) {
            throw new InputsException("cannot read the Packages index " + file + ": " + e.getMessage(),
                    "the file is damaged or not in the compression its name says; fetch it again", e);
        }
    }

    /**
     * The index's bytes, decompressed as they stream: for copying an index exactly (its hash is
     * the one a Release lists), which decoding it as text need not preserve.
     */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        try {
            return decompressing(raw, file.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream decompressing(InputStream raw, String name) throws IOException {
        if (name.endsWith(".gz")) {
            return GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
        }
        if (name.endsWith(".xz")) {
            return new XZInputStream(raw);
        }
        if (name.endsWith(".lz4")) {
            return new FramedLZ4CompressorInputStream(raw, true);
        }
        if (name.endsWith(".zst")) {
            return new ZstdInputStream(raw);
        }
        return raw;
    }
}
