package dev.cairn.inputs.extract;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The compressions an archive member may have, known by the file-name suffix as dpkg knows
 * them ({@code data.tar.xz}). Decompression is streaming; xz and lzma refuse streams whose
 * dictionary would need more than {@value #MEMORY_LIMIT_MIB} MiB, so that a hostile header
 * cannot exhaust the heap (xz -9 needs 65 MiB). zstd's own default window limit (128 MiB)
 * does the same for zstd.
 */
public enum ArchiveCompression {
    NONE(""),
    GZIP(".gz"),
    XZ(".xz"),
    ZSTD(".zst"),
    BZIP2(".bz2"),
    LZMA(".lzma");

    static final int MEMORY_LIMIT_MIB = 512;

    private final String suffix;

    ArchiveCompression(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** The compression whose suffix is exactly {@code suffix} ("" for none). */
    public static Optional<ArchiveCompression> forSuffix(String suffix) {
        return Arrays.stream(values()).filter(compression -> compression.suffix.equals(suffix)).findFirst();
    }

    /** The decompressed bytes of {@code in}; closing the result closes {@code in}. */
    public InputStream decompress(InputStream in) throws IOException {
        // Every decompressor here reads concatenated streams to the end, as gzip -d and
        // xz -d do; a member ending after the first stream would otherwise lose data silently.
        return switch (this) {
            case NONE -> in;
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case XZ -> new XZInputStream(in, MEMORY_LIMIT_MIB * 1024);
            case ZSTD -> new BufferedInputStream(new ZstdInputStreamNoFinalizer(in), 1 << 16);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case LZMA -> new LZMAInputStream(in, MEMORY_LIMIT_MIB * 1024);
        };
    }

    @Override
    public String toString() {
        return this == NONE ? "uncompressed" : suffix.substring(1);
    }
}
