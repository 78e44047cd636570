package dev.cairn.packaging.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan of what a build sees, as bubblewrap's arguments; nothing runs. */
class BwrapArgumentsTest {
    private static final StorePath INPUT = StorePath.parse("0123456789abcdfghijklmnpqrsvwxyz-hello-1.0");
    private static final StorePath LINKED_INPUT = StorePath.parse("1123456789abcdfghijklmnpqrsvwxyz-hello-link");
    private static final StorePath OUTPUT = StorePath.parse("2123456789abcdfghijklmnpqrsvwxyz-greeting");

    @TempDir
    Path temp;
    Path rootfs;
    Path store;
    Path build;

    @BeforeEach
    void layOut() throws IOException {
        rootfs = temp.resolve("rootfs");
        for (String directory : List.of("usr/bin", "etc", "home", "dev", "tmp", "cairn/store")) {
            Files.createDirectories(rootfs.resolve(directory));
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/resolv.conf"), "nameserver 192.0.2.1\n");
        Files.createSymbolicLink(rootfs.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(rootfs.resolve("lib64"), Path.of("usr/lib64"));
        store = Files.createDirectories(temp.resolve("store"));
        Files.createDirectories(store.resolve(INPUT.baseName()));
        Files.createSymbolicLink(store.resolve(LINKED_INPUT.baseName()), Path.of(INPUT.toString()));
        Files.createDirectories(store.resolve(OUTPUT.baseName()));
        build = Files.createDirectories(temp.resolve("build"));
    }

    private SandboxSpec spec() {
        return SandboxSpec.of(build, List.of("sh", "-c", "echo hi > $out/greeting"))
                .withRootfs(rootfs)
                .withInputs(List.of(mount(INPUT), mount(LINKED_INPUT)))
                .withOutputs(List.of(mount(OUTPUT)))
                .withEnvironment(Map.of("out", OUTPUT.toString(), "NAME", "world"))
                .withSourceDateEpoch(1);
    }

    private StoreMount mount(StorePath path) {
        return new StoreMount(path, store.resolve(path.baseName()));
    }

    @Test
    void theArgumentsLayOutTheRootThenTheStoreThenBuildThenTheEnvironment() {
        assertThat(BwrapArguments.of(spec())).containsExactly(
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", "cairn",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                // The root filesystem's top level, sorted; dev, tmp and cairn are the sandbox's own.
                "--symlink", "usr/bin", "/bin",
                "--ro-bind", rootfs + "/etc", "/etc",
                "--ro-bind", rootfs + "/home", "/home",
                "--symlink", "usr/lib64", "/lib64",
                "--ro-bind", rootfs + "/usr", "/usr",
                "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                "--tmpfs", "/cairn/store",
                "--ro-bind", store + "/" + INPUT.baseName(), INPUT.toString(),
                "--symlink", INPUT.toString(), LINKED_INPUT.toString(),
                "--bind", store + "/" + OUTPUT.baseName(), OUTPUT.toString(),
                "--remount-ro", "/cairn/store",
                "--bind", build.toString(), "/build",
                "--remount-ro", "/",
                "--chdir", "/build",
                "--clearenv",
                "--setenv", "HOME", "/homeless-shelter",
                "--setenv", "LC_ALL", "C.UTF-8",
                "--setenv", "NAME", "world",
                "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
                "--setenv", "PWD", "/build",
                "--setenv", "SOURCE_DATE_EPOCH", "1",
                "--setenv", "TMPDIR", "/tmp",
                "--setenv", "TZ", "UTC",
                "--setenv", "out", OUTPUT.toString(),
                "--", "sh", "-c", "echo hi > $out/greeting");
    }

    @Test
    void theHostCommandLineSetsTheUmaskThenExecsBwrap() {
        List<String> commandLine = Sandbox.at(Path.of("/usr/bin/bwrap")).commandLine(spec());

        assertThat(commandLine.subList(0, 5))
                .containsExactly("/bin/sh", "-c", "umask 022 && exec \"$@\"", "sh", "/usr/bin/bwrap");
        assertThat(commandLine.subList(5, commandLine.size())).isEqualTo(BwrapArguments.of(spec()));
    }

    @Test
    void aBuildWithoutRootFilesystemSeesOnlyWhatTheSandboxProvides() {
        List<String> arguments = BwrapArguments.of(SandboxSpec.of(build, List.of("/cairn/store/x/bin/build")));

        assertThat(arguments).doesNotContain("--ro-bind", "--symlink")
                .containsSubsequence("--die-with-parent", "--dev", "/dev", "--tmpfs", "/cairn/store",
                        "--remount-ro", "/cairn/store", "--bind", build.toString(), "/build", "--remount-ro", "/");
    }

    @Test
    void aNetworkedBuildSharesTheHostNetworkItsResolvConfAndTlsTrustOnly() {
        List<String> arguments = BwrapArguments.of(spec().withNetwork(Network.HOST));

        assertThat(arguments).doesNotContain("--unshare-net").contains("--unshare-pid", "--die-with-parent");
        assertThat(arguments).containsSubsequence(
                "--tmpfs", "/etc",
                "--ro-bind", rootfs + "/etc/passwd", "/etc/passwd",
                "--ro-bind-try", "/etc/resolv.conf", "/etc/resolv.conf",
                "--ro-bind-try", "/etc/ssl", "/etc/ssl",
                "--remount-ro", "/etc");
        assertThat(arguments).doesNotContain(rootfs + "/etc", rootfs + "/etc/resolv.conf");
    }

    @Test
    void onlyTheRootFilesystemsEntriesAreBoundNeverTheHostsOwn() {
        List<String> sources = sourcesOf(BwrapArguments.of(spec()));

        assertThat(sources).allSatisfy(source -> assertThat(Path.of(source)).satisfiesAnyOf(
                path -> assertThat(path).startsWith(rootfs),
                path -> assertThat(path).startsWith(store),
                path -> assertThat(path).isEqualTo(build)));
    }

    @Test
    void aMissingInputOrOutputIsNamed() throws IOException {
        Files.delete(store.resolve(INPUT.baseName()));
        assertThatThrownBy(() -> BwrapArguments.of(spec().withOutputs(List.of())))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining(INPUT.toString()).hasMessageContaining("is not at " + store);

        Files.createDirectories(store.resolve(INPUT.baseName()));
        Files.delete(store.resolve(OUTPUT.baseName()));
        assertThatThrownBy(() -> BwrapArguments.of(spec()))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("output " + OUTPUT)
                .extracting(e -> ((PackagingException) e).hint()).asString().contains("create the output directory");
    }

    @Test
    void anInputTreeIsOneReadOnlyMountBesideTheStoreAndMustExist() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("trees/0a1b"));
        List<String> arguments = BwrapArguments.of(spec().withTrees(List.of(new TreeMount(tree, "/cairn/maven-repository"))));

        assertThat(arguments).containsSubsequence(
                "--remount-ro", "/cairn/store",
                "--ro-bind", tree.toString(), "/cairn/maven-repository",
                "--bind", build.toString(), "/build");

        Files.delete(tree);
        assertThatThrownBy(() -> BwrapArguments.of(spec().withTrees(List.of(new TreeMount(tree, "/cairn/maven-repository")))))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("input tree /cairn/maven-repository is not at " + tree);
        assertThatThrownBy(() -> new TreeMount(tree, "/cairn/store/x"))
                .isInstanceOf(PackagingException.class).hasMessageContaining("beside the store");
        assertThatThrownBy(() -> new TreeMount(tree, "/build/repository"))
                .isInstanceOf(PackagingException.class).hasMessageContaining("under /cairn/");
        assertThatThrownBy(() -> new TreeMount(tree, "/cairn/a/../store"))
                .isInstanceOf(PackagingException.class);
    }

    @Test
    void aRootFilesystemThatIsNotADirectoryIsNamed() {
        assertThatThrownBy(() -> BwrapArguments.of(spec().withRootfs(temp.resolve("absent"))))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining(temp.resolve("absent") + " is not a directory");
    }

    private static List<String> sourcesOf(List<String> arguments) {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            if (List.of("--ro-bind", "--bind").contains(arguments.get(i))) {
                sources.add(arguments.get(i + 1));
            }
            if (arguments.get(i).equals("--")) {
                break;
            }
        }
        return sources;
    }
}
