package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StorePath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything one sandboxed build is given, as plain data: the command, the root filesystem,
 * the store objects it may read and the ones it writes, its working directory and its
 * environment. {@link BwrapArguments} turns it into bubblewrap's command line.
 *
 * @param command argv inside the sandbox; a bare argv[0] is looked up on {@code path} there
 * @param rootfs a host directory laid out like {@code /} (a merged Debian root), or none
 * @param inputs store objects the build may read, mounted read-only
 * @param outputs existing host directories the build writes, mounted read-write at their store path
 * @param trees host directories the build reads at paths of their own, each one read-only mount
 * @param buildDirectory a writable host directory, the build's {@code /build} and working directory
 * @param environment variables besides the ones the sandbox always sets ({@link #FIXED_VARIABLES})
 * @param path the build's {@code PATH}
 * @param sourceDateEpoch the build's {@code SOURCE_DATE_EPOCH}, in seconds
 * @param network whether the build reaches the network ({@link Network#HOST} for fixed-output builds only)
 * @param timeout how long the build may run before it is killed, if limited
 * @param logTailLines how many of the log's last lines the result keeps for error messages
 */
public record SandboxSpec(
        List<String> command,
        Optional<Path> rootfs,
        List<StoreMount> inputs,
        List<StoreMount> outputs,
        List<TreeMount> trees,
        Path buildDirectory,
        Map<String, String> environment,
        String path,
        long sourceDateEpoch,
        Network network,
        Optional<Duration> timeout,
        int logTailLines) {

    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** 1980-01-01, as Nix uses: the earliest time a zip archive can hold. */
    public static final long DEFAULT_SOURCE_DATE_EPOCH = 315_532_800L;
    public static final int DEFAULT_LOG_TAIL_LINES = 30;
    /** Set by the sandbox for every build; a spec may not set them itself. */
    public static final Set<String> FIXED_VARIABLES =
            Set.of("HOME", "TZ", "LC_ALL", "TMPDIR", "SOURCE_DATE_EPOCH", "PATH", "PWD");

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public SandboxSpec {
        command = List.copyOf(command);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        trees = List.copyOf(trees);
        environment = Map.copyOf(environment);
        if (command.isEmpty() || command.getFirst().isEmpty()) {
            throw new PackagingException("a sandboxed build needs a command",
                    "give the builder program and its arguments");
        }
        if (command.stream().anyMatch(argument -> argument.indexOf('\0') >= 0)) {
            throw new PackagingException("the build command " + command + " contains a NUL character",
                    "a program's arguments cannot hold NUL; pass such data in a file");
        }
        if (rootfs.isPresent() && !rootfs.get().isAbsolute()) {
            throw new PackagingException("the root filesystem " + rootfs.get() + " is not an absolute path",
                    "give the root filesystem's absolute path");
        }
        if (!buildDirectory.isAbsolute()) {
            throw new PackagingException("the build directory " + buildDirectory + " is not an absolute path",
                    "give the build directory's absolute path");
        }
        rootfs = rootfs.map(Path::normalize);
        buildDirectory = buildDirectory.normalize();
        checkEnvironment(environment);
        if (path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new PackagingException("the build's PATH '" + path + "' is empty or contains NUL",
                    "use e.g. " + DEFAULT_PATH);
        }
        checkStorePaths(inputs, outputs);
        if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
            throw new PackagingException("the build timeout " + timeout.get() + " is not positive",
                    "give a positive timeout, or none");
        }
        if (logTailLines < 0) {
            throw new PackagingException("the log tail of " + logTailLines + " lines is negative",
                    "keep 0 or more lines");
        }
    }

    /** A build of {@code command} in {@code buildDirectory}, and nothing else: no root filesystem, no inputs. */
    public static SandboxSpec of(Path buildDirectory, List<String> command) {
        return new SandboxSpec(command, Optional.empty(), List.of(), List.of(), List.of(), buildDirectory, Map.of(),
                DEFAULT_PATH, DEFAULT_SOURCE_DATE_EPOCH, Network.NONE, Optional.empty(), DEFAULT_LOG_TAIL_LINES);
    }

    public SandboxSpec withCommand(List<String> command) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    public SandboxSpec withRootfs(Path rootfs) {
        return new SandboxSpec(command, Optional.of(rootfs), inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    public SandboxSpec withInputs(List<StoreMount> inputs) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    public SandboxSpec withOutputs(List<StoreMount> outputs) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    public SandboxSpec withTrees(List<TreeMount> trees) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    public SandboxSpec withEnvironment(Map<String, String> environment) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    public SandboxSpec withPath(String path) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    public SandboxSpec withSourceDateEpoch(long sourceDateEpoch) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    public SandboxSpec withNetwork(Network network) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    public SandboxSpec withTimeout(Duration timeout) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, Optional.of(timeout), logTailLines);
    }

    public SandboxSpec withLogTailLines(int logTailLines) {
        return new SandboxSpec(command, rootfs, inputs, outputs, trees, buildDirectory, environment, path,
                sourceDateEpoch, network, timeout, logTailLines);
    }

    private static void checkEnvironment(Map<String, String> environment) {
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new PackagingException("'" + name + "' is not an environment variable name",
                        "a variable name is letters, digits and '_', not starting with a digit");
            }
            if (FIXED_VARIABLES.contains(name)) {
                throw new PackagingException("the build environment sets " + name + ", which the sandbox fixes",
                        "leave out " + String.join(", ", FIXED_VARIABLES.stream().sorted().toList())
                                + "; PATH and SOURCE_DATE_EPOCH have fields of their own");
            }
            if (variable.getValue().indexOf('\0') >= 0) {
                throw new PackagingException("the value of " + name + " contains a NUL character",
                        "an environment variable cannot hold NUL; pass such data in a file");
            }
        }
    }

    /** Two mounts at one store path would hide one of them, and an input must not be written. */
    private static void checkStorePaths(List<StoreMount> inputs, List<StoreMount> outputs) {
        Set<StorePath> seen = new HashSet<>();
        List<StoreMount> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        for (StoreMount mount : all) {
            if (!seen.add(mount.path())) {
                throw new PackagingException(mount.path() + " is declared twice among the build's inputs and outputs",
                        "declare each store object once, as an input or as an output");
            }
        }
    }
}
