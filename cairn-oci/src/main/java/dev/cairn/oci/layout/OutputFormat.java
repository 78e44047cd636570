package dev.cairn.oci.layout;

import dev.cairn.oci.OciException;
import java.util.Locale;

/** Where a built image goes on disk. */
public enum OutputFormat {
    /** An OCI image layout directory. */
    OCI("oci"),
    /** That layout as one tar file. */
    OCI_ARCHIVE("oci-archive"),
    /**
     * The layout as a tar that also carries Docker's {@code manifest.json}, with uncompressed
     * layers: what {@code docker load} and {@code podman load} read.
     */
    DOCKER_ARCHIVE("docker-archive");

    private final String label;

    OutputFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static OutputFormat parse(String text) {
        for (OutputFormat format : values()) {
            if (format.label.equals(text.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new OciException("'" + text + "' is not an output format", "use oci, oci-archive or docker-archive");
    }
}
