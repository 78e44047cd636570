package dev.cairn.packaging.sandbox;

import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * bubblewrap's arguments for a {@link SandboxSpec}: the plan of what the build sees, computed
 * before anything runs. Reads only the listing of the root filesystem (its top level, and its
 * /etc for networked builds) and checks that every host path it binds exists.
 *
 * <p>Operations apply in order, so the sections below are ordered: namespaces, then the root
 * filesystem, then what the sandbox adds over it, then the store and the input trees beside it,
 * then /build, and last the remount that makes the root itself read-only.
 */
public final class BwrapArguments {
    public static final String HOSTNAME = "cairn";
    public static final String HOME = "/homeless-shelter";
    public static final String BUILD_DIRECTORY = "/build";

    /** Names at the top of a root filesystem the sandbox provides itself, or that must not exist. */
    private static final Set<String> PROVIDED_AT_ROOT = Set.of("dev", "proc", "tmp", "build", "cairn",
            HOME.substring(1));
    /**
     * What a networked build takes from the host's /etc instead of the root filesystem's: its
     * DNS servers, and its TLS trust ({@code ssl}: the CA bundle and Java's {@code cacerts}), since
     * a machine may reach the network only through a proxy whose CA only the machine trusts. What
     * such a build fetches is checked against declared hashes, so this trust cannot change an output.
     */
    private static final Set<String> HOST_NETWORK_FILES = Set.of("resolv.conf", "ssl");

    private final SandboxSpec spec;
    private final List<String> arguments = new ArrayList<>();

    private BwrapArguments(SandboxSpec spec) {
        this.spec = spec;
    }

    /** The arguments after the bwrap program: options, {@code --}, then the build's command. */
    public static List<String> of(SandboxSpec spec) {
        BwrapArguments plan = new BwrapArguments(spec);
        plan.namespaces();
        plan.rootFilesystem();
        plan.kernelFilesystems();
        plan.networkFiles();
        plan.store();
        plan.trees();
        plan.buildDirectory();
        plan.environment();
        plan.arguments.add("--");
        plan.arguments.addAll(spec.command());
        return List.copyOf(plan.arguments);
    }

    private void namespaces() {
        if (spec.network() == Network.NONE) {
            add("--unshare-net");
        }
        add("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", HOSTNAME, "--unshare-cgroup-try");
        // --die-with-parent: killing cairn kills the build. --new-session: the build cannot
        // push keystrokes into cairn's terminal (TIOCSTI).
        add("--die-with-parent", "--new-session");
        // cairn may run as root (CI, containers); a build keeping root's capabilities could
        // remount its read-only inputs writable or mount the host's disks.
        add("--cap-drop", "ALL");
    }

    private void rootFilesystem() {
        if (spec.rootfs().isEmpty()) {
            return;
        }
        Path rootfs = spec.rootfs().get();
        if (!Files.isDirectory(rootfs)) {
            throw new PackagingException("the build's root filesystem " + rootfs + " is not a directory",
                    "give a directory laid out like /, e.g. an unpacked Debian root");
        }
        // bubblewrap's new root is a tmpfs of its own: only the root filesystem's entries appear
        // in it, never the host's /, /etc or /home.
        Set<String> skipped = spec.network() == Network.HOST
                ? union(PROVIDED_AT_ROOT, Set.of("etc"))
                : PROVIDED_AT_ROOT;
        DirectoryEntries.bind(rootfs, "/", skipped, arguments);
    }

    private void kernelFilesystems() {
        add("--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp");
    }

    /**
     * A networked build needs the host's DNS servers and TLS trust. /etc is then a tmpfs holding
     * the root filesystem's /etc entry by entry plus the host's files, since a file cannot be bound
     * into a read-only bound directory that lacks it; then made read-only again.
     */
    private void networkFiles() {
        if (spec.network() != Network.HOST) {
            return;
        }
        add("--tmpfs", "/etc");
        Path etc = spec.rootfs().map(rootfs -> rootfs.resolve("etc")).orElse(null);
        if (etc != null && Files.isDirectory(etc, LinkOption.NOFOLLOW_LINKS)) {
            DirectoryEntries.bind(etc, "/etc", HOST_NETWORK_FILES, arguments);
        }
        for (String name : HOST_NETWORK_FILES.stream().sorted().toList()) {
            add("--ro-bind-try", "/etc/" + name, "/etc/" + name);
        }
        add("--remount-ro", "/etc");
    }

    private void store() {
        add("--tmpfs", StorePath.STORE_DIR);
        for (StoreMount input : spec.inputs()) {
            Path physical = input.physical();
            if (Files.isSymbolicLink(physical)) {
                // A store object may be a symlink; binding would follow it on the host.
                add("--symlink", readLink(input), input.path().toString());
            } else if (Files.exists(physical, LinkOption.NOFOLLOW_LINKS)) {
                add("--ro-bind", physical.toString(), input.path().toString());
            } else {
                throw new PackagingException("the build's input " + input.path() + " is not at " + physical,
                        "realise the input before the build; a build sees only objects present in the store");
            }
        }
        for (StoreMount output : spec.outputs()) {
            if (!Files.isDirectory(output.physical(), LinkOption.NOFOLLOW_LINKS)) {
                throw new PackagingException("the build's output " + output.path() + " has no directory at "
                        + output.physical(), "create the output directory before starting the build");
            }
            add("--bind", output.physical().toString(), output.path().toString());
        }
        // Like the real store, the store directory itself is not writable: a build writes its
        // outputs, nothing beside them.
        add("--remount-ro", StorePath.STORE_DIR);
    }

    /** Each tree is one read-only mount, however many store objects it holds. */
    private void trees() {
        for (TreeMount tree : spec.trees()) {
            if (!Files.isDirectory(tree.physical(), LinkOption.NOFOLLOW_LINKS)) {
                throw new PackagingException("the build's input tree " + tree.path() + " is not at " + tree.physical(),
                        "lay the tree out before the build");
            }
            add("--ro-bind", tree.physical().toString(), tree.path());
        }
    }

    private void buildDirectory() {
        if (!Files.isDirectory(spec.buildDirectory(), LinkOption.NOFOLLOW_LINKS)) {
            throw new PackagingException("the build directory " + spec.buildDirectory() + " is not a directory",
                    "create a fresh, empty directory for each build");
        }
        add("--bind", spec.buildDirectory().toString(), BUILD_DIRECTORY);
        // Last of the mounts: the root tmpfs turns read-only so the build cannot create
        // /homeless-shelter or leave files outside /build, /tmp and its outputs.
        add("--remount-ro", "/");
        add("--chdir", BUILD_DIRECTORY);
    }

    private void environment() {
        add("--clearenv");
        for (Map.Entry<String, String> variable : variables(spec).entrySet()) {
            add("--setenv", variable.getKey(), variable.getValue());
        }
    }

    /** The build's whole environment: the spec's variables and the fixed ones, sorted by name. */
    public static Map<String, String> variables(SandboxSpec spec) {
        Map<String, String> variables = new TreeMap<>(spec.environment());
        variables.put("HOME", HOME);
        variables.put("TZ", "UTC");
        variables.put("LC_ALL", "C.UTF-8");
        variables.put("TMPDIR", "/tmp");
        variables.put("SOURCE_DATE_EPOCH", Long.toString(spec.sourceDateEpoch()));
        variables.put("PATH", spec.path());
        // bubblewrap sets PWD after --chdir whatever the environment says; said here so the
        // plan shows the environment the build really gets.
        variables.put("PWD", BUILD_DIRECTORY);
        return variables;
    }

    private static String readLink(StoreMount mount) {
        try {
            return Files.readSymbolicLink(mount.physical()).toString();
        } catch (IOException e) {
            throw new PackagingException("cannot read the symlink " + mount.physical() + " of " + mount.path()
                    + ": " + e.getMessage(), "check the store with `cairn store verify`", e);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return Set.copyOf(union);
    }

    private void add(String... more) {
        arguments.addAll(List.of(more));
    }
}
