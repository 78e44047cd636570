package dev.cairn.packaging.build;

import dev.cairn.packaging.derivation.Derivation;
import dev.cairn.packaging.sandbox.Network;
import dev.cairn.packaging.sandbox.Sandbox;
import dev.cairn.packaging.sandbox.SandboxSpec;
import dev.cairn.packaging.spec.PackageSpec;
import dev.cairn.store.TreeDeletion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A shell in a package's build environment: the sandbox its build would get — root filesystem,
 * inputs at their store paths, environment, no network — but with the package's real source
 * directory as a writable {@code /build}, so edits stay, and a throw-away {@code $out}.
 */
public final class DevShell {
    private final PackageBuilds builds;
    private final DerivationBuilder builder;
    private final Sandbox sandbox;
    private final Path scratchParent;

    public DevShell(PackageBuilds builds, DerivationBuilder builder, Sandbox sandbox, Path scratchParent) {
        this.builds = builds;
        this.builder = builder;
        this.sandbox = sandbox;
        this.scratchParent = scratchParent;
    }

    /**
     * Runs {@code command} (an interactive shell when empty) and returns its exit code.
     *
     * @param network whether the shell may reach the network (a build never may)
     */
    public int run(String address, PackageSpec spec, List<String> command, boolean network) {
        Derivation derivation = builds.derivation(address, spec, new ArrayDeque<>());
        Path out;
        try {
            Files.createDirectories(scratchParent);
            out = Files.createTempDirectory(scratchParent, ProcessHandle.current().pid() + "." + spec.outputName() + "-develop-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch $out under " + scratchParent, e);
        }
        try {
            Path source = spec.source() != null ? spec.source() : out;
            List<String> argv = command.isEmpty() ? List.of("bash", "-i") : command;
            SandboxSpec sandboxSpec = builder.sandboxSpec(derivation, source, out)
                    .withCommand(argv)
                    .withNetwork(network ? Network.HOST : Network.NONE);
            return sandbox.runAttached(sandboxSpec);
        } finally {
            try {
                TreeDeletion.delete(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the scratch $out " + out, e);
            }
        }
    }
}
