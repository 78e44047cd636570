package dev.cairn.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Nomad job as its HTTP API and {@code nomad job run -json} take it: {@code {"Job": {"ID": …,
 * "TaskGroups": […]}}}, plain data in the order the chart wrote it.
 *
 * @param name the chart's name: the job's ID, and its file's name
 * @param spec the job specification, {@code {"Job": {…}}}
 */
public record NomadJob(String name, Map<String, Object> spec) implements Rendering {
    public NomadJob {
        Objects.requireNonNull(name, "name");
        if (!(spec.get("Job") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("a Nomad job specification is {\"Job\": {…}}");
        }
    }

    @Override
    public List<String> formats() {
        return List.of("json");
    }

    @Override
    public String text(Optional<String> format) {
        format(format);
        return Manifests.json(spec);
    }

    /** Writes {@code <name>.nomad.json}, for {@code nomad job run -json}. */
    @Override
    public List<Path> write(Path directory, Optional<String> format) throws IOException {
        return List.of(AtomicFiles.write(directory.resolve(name + ".nomad.json"), text(format)));
    }
}
