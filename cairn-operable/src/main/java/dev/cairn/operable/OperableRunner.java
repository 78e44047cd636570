package dev.cairn.operable;

import dev.cairn.packaging.derivation.MergedRootfs;
import dev.cairn.packaging.sandbox.Network;
import dev.cairn.packaging.sandbox.Sandbox;
import dev.cairn.packaging.sandbox.SandboxSpec;
import dev.cairn.packaging.sandbox.StoreMount;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import dev.cairn.store.TreeDeletion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs an operable on this machine, as its image would: in the sandbox, with the host's
 * network, its Debian packages as the root filesystem, its closure read-only at
 * {@code /cairn/store}, a writable {@code /tmp} and working directory, and of the caller's
 * environment only the options the operable declares (so the defaults apply to the others).
 */
public final class OperableRunner {
    /** Passed on when the caller has it and the operable does not declare it: programs that draw on a terminal need it. */
    static final List<String> PASSED_THROUGH = List.of("TERM");

    private final Store store;
    private final Sandbox sandbox;
    private final Path cache;

    /** @param cache where merged root filesystems are kept and the run's working directory is made */
    public OperableRunner(Store store, Sandbox sandbox, Path cache) {
        this.store = store;
        this.sandbox = sandbox;
        this.cache = cache;
    }

    /** What the run is given: the sandbox, and the declared options it could not pass on. */
    public record Plan(SandboxSpec spec, List<String> notPassed) {
        public Plan {
            notPassed = List.copyOf(notPassed);
        }
    }

    /**
     * The run as data: {@code bin/operable-<name> ARGS} in the sandbox.
     *
     * @param callerEnvironment where the declared options' values come from
     * @param workDirectory an existing directory, the run's working directory ({@code /build})
     */
    public Plan plan(BuiltOperable operable, List<String> arguments, Map<String, String> callerEnvironment,
            Path workDirectory) {
        List<String> command = new ArrayList<>(List.of(operable.script()));
        command.addAll(arguments);
        Map<String, String> environment = new TreeMap<>();
        List<String> notPassed = new ArrayList<>();
        for (EnvVariable variable : operable.manifest().env()) {
            String value = callerEnvironment.get(variable.name());
            if (value == null) {
                continue;
            }
            if (SandboxSpec.FIXED_VARIABLES.contains(variable.name())) {
                notPassed.add(variable.name());
            } else {
                environment.put(variable.name(), value);
            }
        }
        for (String name : PASSED_THROUGH) {
            if (callerEnvironment.containsKey(name)) {
                environment.putIfAbsent(name, callerEnvironment.get(name));
            }
        }
        List<StoreMount> closure = store.closure(List.of(operable.object().path())).stream()
                .map(path -> new StoreMount(path, store.physicalPath(path)))
                .toList();
        List<StorePath> rootfs = operable.manifest().rootfs();
        SandboxSpec spec = SandboxSpec.of(workDirectory, command)
                .withRootfs(MergedRootfs.of(store, rootfs, cache.resolve("rootfs")))
                .withInputs(closure)
                .withEnvironment(environment)
                .withNetwork(Network.HOST);
        return new Plan(spec, notPassed);
    }

    /**
     * Runs the operable attached to cairn's stdin, stdout and stderr and returns its exit code.
     * {@code warn} hears of declared options the sandbox sets itself ({@code HOME}, {@code TZ}, …).
     */
    public int run(BuiltOperable operable, List<String> arguments, Map<String, String> callerEnvironment,
            Consumer<String> warn) {
        Path work;
        try {
            Path tmp = Files.createDirectories(cache.resolve("tmp"));
            work = Files.createTempDirectory(tmp, ProcessHandle.current().pid() + "." + operable.manifest().name() + "-run-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run's working directory under " + cache, e);
        }
        try {
            Plan plan = plan(operable, arguments, callerEnvironment, work);
            plan.notPassed().forEach(name -> warn.accept(name + " is declared by " + operable.manifest().name()
                    + " but the sandbox sets it itself; the value in this environment is not passed on"));
            return sandbox.runAttached(plan.spec());
        } finally {
            try {
                TreeDeletion.delete(work);
            } catch (IOException e) {
                warn.accept("cannot delete the run's working directory " + work + ": " + e.getMessage());
            }
        }
    }
}
