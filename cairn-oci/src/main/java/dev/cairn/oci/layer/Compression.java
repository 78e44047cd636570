package dev.cairn.oci.layer;

import com.github.luben.zstd.ZstdOutputStream;
import dev.cairn.oci.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;

/**
 * How layers are compressed. The implementations are pinned on purpose: jzlib (pure Java,
 * so the bytes do not depend on the JDK's or the system's zlib), driven block-parallel by
 * {@link ParallelGzipOutputStream}, and zstd-jni (which bundles its zstd). Their output is
 * part of every layer digest; changing either version, the level, the block size or the
 * store-when-incompressible rule changes the digests of all images.
 */
public enum Compression {
    NONE(MediaTypes.OCI_LAYER_TAR),
    GZIP(MediaTypes.OCI_LAYER_GZIP),
    ZSTD(MediaTypes.OCI_LAYER_ZSTD);

    static final int GZIP_LEVEL = 6;
    static final int ZSTD_LEVEL = 3;

    private final String mediaType;

    Compression(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Wraps {@code out}; closing the result finishes the compressed stream and closes {@code out}. */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> gzip(out);
            case ZSTD -> new ZstdOutputStream(out, ZSTD_LEVEL).setChecksum(false).setWorkers(0);
        };
    }

    private static OutputStream gzip(OutputStream out) throws IOException {
        return new ParallelGzipOutputStream(out, GZIP_LEVEL);
    }

    public static Compression parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "gzip" -> GZIP;
            case "zstd" -> ZSTD;
            case "none" -> NONE;
            default -> throw new dev.cairn.oci.OciException("'" + text + "' is not a layer compression",
                    "use gzip, zstd or none");
        };
    }
}
