package dev.cairn.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a chart renders to, per scheduler: Kubernetes {@link Manifests}, a {@link NomadJob}, a
 * {@link SystemdUnit}. Each knows its text formats (the first is the default) and its files.
 */
public sealed interface Rendering permits Manifests, NomadJob, SystemdUnit {
    /** The text formats this rendering is written in; the first is the default. */
    List<String> formats();

    /** The text in {@code format}, or in the default format; a format it has not is refused. */
    String text(Optional<String> format);

    /** Writes the rendering to files in {@code directory} (each under a temporary name first); returns them. */
    List<Path> write(Path directory, Optional<String> format) throws IOException;

    /** {@code format}, or the default; a {@link ChartException} naming the formats there are otherwise. */
    default String format(Optional<String> format) {
        String chosen = format.orElse(formats().get(0));
        if (!formats().contains(chosen)) {
            throw new ChartException("--format " + chosen + " is not a format of this chart's rendering",
                    "use " + String.join(" or ", formats().stream().map(f -> "--format " + f).toList()));
        }
        return chosen;
    }
}
