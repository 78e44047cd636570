package dev.cairn.image;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Hands a docker-archive to the local container engine, podman first, then docker, the way
 * a user would: {@code podman load < archive}. Neither needs a daemon of cairn's.
 */
public final class ImageLoader {
    private static final List<String> ENGINES = List.of("podman", "docker");
    private final String path;

    /** @param path the PATH to look for engines on */
    public ImageLoader(String path) {
        this.path = path == null ? "" : path;
    }

    /** The engine that will load, or empty when neither is installed. */
    public Optional<Path> engine() {
        for (String engine : ENGINES) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, engine);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Loads the archive and returns what the engine said ("Loaded image: …"). */
    public String load(Path dockerArchive) {
        Path engine = engine().orElseThrow(() -> new ImageException("neither podman nor docker is on PATH",
                "install one (apt-get install podman), or build with --format docker-archive and load it yourself"));
        try {
            Process process = new ProcessBuilder(engine.toString(), "load")
                    .redirectInput(dockerArchive.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new ImageException(engine.getFileName() + " load failed (exit " + exit + "): " + output.strip(),
                        "check that " + engine.getFileName() + " works on this machine (`" + engine.getFileName() + " info`)");
            }
            return output;
        } catch (IOException e) {
            throw new ImageException("cannot run " + engine + ": " + e.getMessage(), "check the installation", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("interrupted while loading into " + engine.getFileName(), "run it again", e);
        }
    }
}
