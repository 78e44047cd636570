package dev.cairn.cli;

import dev.cairn.oci.layer.Compression;
import picocli.CommandLine.Option;

/** {@code --compression}, shared by the verbs that write layers. */
final class CompressionOption {
    @Option(names = "--compression", paramLabel = "ALGORITHM", defaultValue = "gzip",
            description = "Layer compression: gzip or zstd. Default: ${DEFAULT-VALUE}.")
    String value;

    Compression parse() {
        return Compression.parse(value);
    }
}
