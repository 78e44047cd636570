package dev.cairn.oci.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An image unpacked by umoci into a runtime bundle, run by runc with a state directory of the
 * test's ({@code runc --root}), so that tests neither see nor leave containers of anyone else's.
 *
 * <pre>{@code
 * RuncBundle bundle = RuncBundle.unpack(layout, "latest", temp.resolve("bundle"), temp.resolve("runc"));
 * Processes.Result run = bundle.run();                        // the entrypoint, to its end
 * try (RuncBundle.Container service = bundle.start(log)) {   // in the background, killed by close()
 *     service.exec("/bin/live");
 * }
 * }</pre>
 */
public final class RuncBundle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private final Path directory;
    private final Path runcRoot;

    private RuncBundle(Path directory, Path runcRoot) {
        this.directory = directory;
        this.runcRoot = runcRoot;
    }

    /** umoci unpacks {@code layout:tag} into {@code directory}, made runnable without a terminal. */
    public static RuncBundle unpack(Path layout, String tag, Path directory, Path runcRoot)
            throws IOException, InterruptedException {
        Files.createDirectories(directory.toAbsolutePath().getParent());
        Processes.ok("umoci", "unpack", "--image", layout + ":" + tag, directory.toString());
        Processes.runWithoutTerminal(directory.resolve("config.json"));
        return new RuncBundle(directory, runcRoot);
    }

    public Path rootfs() {
        return directory.resolve("rootfs");
    }

    /**
     * Another bundle in {@code other} on the same root filesystem, with this one's config as
     * {@code change} leaves it: a run with other settings that leaves this bundle's alone.
     */
    public RuncBundle withConfig(Path other, Consumer<ObjectNode> change) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(directory.resolve("config.json").toFile());
        ((ObjectNode) config.get("root")).put("path", rootfs().toAbsolutePath().toString());
        change.accept(config);
        Files.createDirectories(other);
        JSON.writeValue(other.resolve("config.json").toFile(), config);
        return new RuncBundle(other, runcRoot);
    }

    /** Runs the container to its end: its exit code and what it printed. */
    public Processes.Result run() throws IOException, InterruptedException {
        String id = containerId();
        try {
            return Processes.run("runc", "--root", runcRoot.toString(), "run", "--bundle", directory.toString(), id);
        } finally {
            Processes.run("runc", "--root", runcRoot.toString(), "delete", "--force", id);
        }
    }

    /** Starts the container in the background, its stdout and stderr going to {@code log}. */
    public Container start(Path log) throws IOException {
        String id = containerId();
        Process process = new ProcessBuilder("runc", "--root", runcRoot.toString(), "run", "--bundle",
                directory.toString(), id)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new Container(id, process, log);
    }

    /** Unique on the machine: tests of other JVMs, and earlier containers of this one, have others. */
    private static String containerId() {
        return "cairn-test-" + ProcessHandle.current().pid() + "-" + CONTAINERS.incrementAndGet();
    }

    /** A container running in the background; closing it kills and deletes it, whatever state it is in. */
    public final class Container implements AutoCloseable {
        private final String id;
        private final Process runc;
        private final Path log;

        private Container(String id, Process runc, Path log) {
            this.id = id;
            this.runc = runc;
            this.log = log;
        }

        public String id() {
            return id;
        }

        /** Whether the container's process (runc run, which waits for it) is still running. */
        public boolean isRunning() {
            return runc.isAlive();
        }

        /** What the container printed so far. */
        public String log() throws IOException {
            return Files.readString(log);
        }

        /** Runs {@code command} in the running container, with the container's environment. */
        public Processes.Result exec(String... command) throws IOException, InterruptedException {
            String[] full = new String[5 + command.length];
            System.arraycopy(new String[] {"runc", "--root", runcRoot.toString(), "exec", id}, 0, full, 0, 5);
            System.arraycopy(command, 0, full, 5, command.length);
            return Processes.run(full);
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                Processes.run("runc", "--root", runcRoot.toString(), "kill", id, "KILL");
                if (!runc.waitFor(30, TimeUnit.SECONDS)) {
                    runc.destroyForcibly();
                }
            } finally {
                Processes.run("runc", "--root", runcRoot.toString(), "delete", "--force", id);
            }
        }
    }
}
