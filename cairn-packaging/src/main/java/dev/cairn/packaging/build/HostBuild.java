package dev.cairn.packaging.build;

import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.derivation.Derivation;
import dev.cairn.packaging.derivation.InputTree;
import dev.cairn.packaging.sandbox.BwrapArguments;
import dev.cairn.packaging.sandbox.HostCommand;
import dev.cairn.packaging.sandbox.SandboxSpec;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How {@code cairn build --no-sandbox} runs a derivation: directly on this host, for machines
 * where bubblewrap cannot run. Without a mount namespace nothing is laid out for the build, so
 * the store paths it names ({@code $src}, the inputs' {@code bin} directories on its
 * {@code PATH}, paths in its scripts) are looked up on the host: it is offered only where
 * {@code /cairn/store} is the store. The Debian packages of its root filesystem cannot be laid
 * at {@code /} either; the host's {@code /usr} is what it runs.
 */
public final class HostBuild {
    private final String hostPath;

    private HostBuild(String hostPath) {
        this.hostPath = hostPath;
    }

    /**
     * Builds on this host, where the store paths builds name must resolve: refused unless
     * {@code /cairn/store} is the store at {@code storeRoot} (the same directory, or a link to it).
     *
     * @param hostPath the host's {@code PATH}, after the inputs' {@code bin} directories on the build's
     */
    public static HostBuild onThisHost(Path storeRoot, String hostPath) {
        return where(Path.of(StorePath.STORE_DIR), storeRoot, hostPath);
    }

    /**
     * As {@link #onThisHost}, with {@code storeDirectory} standing for {@code /cairn/store}: a test
     * checks the rule against its own store without touching {@code /}.
     */
    static HostBuild where(Path storeDirectory, Path storeRoot, String hostPath) {
        if (!sameDirectory(storeDirectory, storeRoot)) {
            String found = Files.exists(storeDirectory) ? "is another directory (" + real(storeDirectory) + ")"
                    : "does not exist";
            throw new PackagingException("--no-sandbox runs the build on this host, where the store paths it names ("
                    + storeDirectory + "/…) must be the store's, but " + storeDirectory + " " + found
                    + " and the store is at " + storeRoot,
                    "use " + storeDirectory + " as the store (CAIRN_STORE=" + storeDirectory + "), or link it there: ln -s "
                            + storeRoot + " " + storeDirectory);
        }
        return new HostBuild(hostPath == null || hostPath.isEmpty() ? SandboxSpec.DEFAULT_PATH : hostPath);
    }

    /**
     * What a build of {@code derivation} loses on the host, said once per package built: the
     * user asked for it, but an output that may depend on the host must never pass unnoticed.
     */
    static String warning(Derivation derivation) {
        return "warning: building " + derivation.name() + " WITHOUT the sandbox (--no-sandbox): it can reach the"
                + " network, sees the host's files (/etc, /home, …) and runs the host's tools (its PATH after its"
                + " inputs', the host's /usr instead of its Debian packages), so its output may depend on this"
                + " machine; it is stored at a path of its own, " + derivation.outputPath()
                + ", and marked unsandboxed in its metadata";
    }

    /**
     * A derivation that sees input trees (a Maven build's repository) cannot run on the host: the
     * trees' paths under /cairn exist only in the sandbox's mount namespace.
     */
    static void requireNoTrees(Derivation derivation) {
        if (!derivation.trees().isEmpty()) {
            throw new PackagingException("--no-sandbox cannot run the build of " + derivation.name() + ": it reads "
                    + derivation.trees().stream().map(InputTree::path).sorted().toList()
                    + ", which only the sandbox lays out (one mount of many store objects)",
                    "build it in the sandbox: install bubblewrap (apt-get install bubblewrap) and leave out --no-sandbox");
        }
    }

    /**
     * The build's command on the host: its own variables, {@code out} (the scratch output, as long
     * as the store path), and the sandbox's fixed ones, but with a home, {@code TMPDIR} and
     * {@code PWD} in its scratch and the host's {@code PATH}.
     */
    HostCommand command(Derivation derivation, BuildScratch scratch, int logTailLines) {
        Map<String, String> own = new TreeMap<>(derivation.env());
        own.put("out", scratch.output().toString());
        SandboxSpec sandboxed = SandboxSpec.of(scratch.build(), derivation.builder())
                .withEnvironment(own)
                .withPath(hostPath)
                .withSourceDateEpoch(derivation.sourceDateEpoch());
        // The sandbox's fixed variables (TZ, LC_ALL, SOURCE_DATE_EPOCH), so the two cannot drift apart.
        Map<String, String> environment = new TreeMap<>(BwrapArguments.variables(sandboxed));
        environment.put("HOME", scratch.home().toString());
        environment.put("TMPDIR", scratch.tmp().toString());
        environment.put("PWD", scratch.build().toString());
        return new HostCommand(derivation.builder(), environment, scratch.build(), Optional.empty(), logTailLines);
    }

    private static boolean sameDirectory(Path storeDirectory, Path storeRoot) {
        if (storeDirectory.toAbsolutePath().normalize().equals(storeRoot.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.isSameFile(storeDirectory, storeRoot);
        } catch (IOException absent) {
            return false;
        }
    }

    private static String real(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path + " (unreadable: " + e.getMessage() + ")";
        }
    }
}
