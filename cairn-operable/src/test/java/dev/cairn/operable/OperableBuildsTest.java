package dev.cairn.operable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.debian.pin.RealizedPackages;
import dev.cairn.inputs.npm.LockedTarball;
import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.build.DerivationBuilder;
import dev.cairn.packaging.build.PackageBuilds;
import dev.cairn.packaging.sandbox.Sandbox;
import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.packaging.spec.PackageSpec;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operables into a real store; their packages are none here, so nothing runs in a sandbox. */
class OperableBuildsTest {
    @TempDir
    Path temp;

    private Store store;
    private StorePath tool;
    private StorePath rootfsConfig;
    private final List<List<String>> requested = new ArrayList<>();
    private final Map<String, OperableSpec> operables = new java.util.HashMap<>();

    @BeforeEach
    void aStoreWithAToolAndARootFilesystem() throws IOException {
        store = Store.open(temp.resolve("store"));
        Path toolTree = Files.createDirectories(temp.resolve("tool/bin"));
        Files.writeString(toolTree.resolve("hello"), "#!/bin/sh\necho hello\n");
        tool = store.add(temp.resolve("tool"), "tool-1.0").path();
        Path root = Files.createDirectories(temp.resolve("root/etc"));
        Files.writeString(root.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        rootfsConfig = store.add(temp.resolve("root"), "rootfs-config").path();
    }

    @Test
    void theObjectHoldsTheScriptAndItsDescriptionAndItsClosureIsTheRuntimeClosure() throws IOException {
        OperableSpec probe = new OperableSpec("api-live", Optional.empty(), "exec hello", List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty());
        OperableSpec api = new OperableSpec("api", Optional.empty(), "exec hello \"$@\"",
                List.of(new EnvVariable.WithDefault("PORT", "8080", "where to listen")),
                List.of(new BuildInput.DebianPackages(List.of("tini")), new BuildInput.StoreObject(tool)),
                List.of(new BuildInput.DebianPackages(List.of("strace"))),
                Optional.of(new Probe.Inline(probe)), Optional.empty());

        BuiltOperable built = builds().build("//api/operables/api", api);

        Path object = store.physicalPath(built.object().path());
        assertThat(built.object().path().name()).isEqualTo("operable-api");
        assertThat(built.script()).isEqualTo(built.object().path() + "/bin/operable-api");
        assertThat(Files.getPosixFilePermissions(object.resolve("bin/operable-api")))
                .isEqualTo(PosixFilePermissions.fromString("r-xr-xr-x"));
        assertThat(Files.readString(object.resolve("bin/operable-api")))
                .contains("export PATH='" + tool + "/bin:/usr/local/bin:/usr/bin:/bin'");
        OperableManifest manifest = OperableManifest.parse(Files.readString(object.resolve(OperableManifest.FILE)), "test");
        assertThat(manifest).isEqualTo(built.manifest());
        assertThat(manifest.debianRequest()).containsExactly("bash", "tini");
        assertThat(manifest.debugDebianRequest()).containsExactly("bash", "tini", "strace");
        assertThat(manifest.rootfs()).containsExactly(rootfsConfig);
        assertThat(requested).containsExactly(List.of("bash", "tini")); // the inline probe shares it
        StorePath probePath = StorePath.parse(manifest.livenessProbe().orElseThrow().replaceFirst("/bin/.*", ""));
        assertThat(probePath.name()).isEqualTo("operable-api-live");
        assertThat(built.object().references()).contains(tool, rootfsConfig, probePath);
        assertThat(store.closure(List.of(built.object().path()))).contains(tool, rootfsConfig, probePath);
    }

    @Test
    void theSameOperableBuildsTheSameBytesAtTheSamePath() {
        OperableSpec spec = Specs.operable("same", "exec true", new EnvVariable.Required("TOKEN", "a token"));

        BuiltOperable first = builds().build("//a/operables/same", spec);
        BuiltOperable second = builds().build("//a/operables/same", spec);

        assertThat(second.object()).isEqualTo(first.object());
    }

    @Test
    void aRuntimeInputMissingFromTheStoreIsNamed() {
        StorePath absent = StorePath.parse("/cairn/store/00000000000000000000000000000000-gone-1.0");
        OperableSpec spec = new OperableSpec("api", Optional.empty(), "exec api", List.of(),
                List.of(new BuildInput.StoreObject(absent)), List.of(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> builds().build("//a/operables/api", spec))
                .isInstanceOf(OperableException.class)
                .hasMessage("//a/operables/api: runtime input " + absent + " is not in the store");
    }

    @Test
    void aDebugShellPutsTheDebugInputsBinFirstOnPathAndOnlyItsClosureHasThem() throws IOException {
        OperableSpec api = new OperableSpec("api", Optional.empty(), "exec api", List.of(), List.of(),
                List.of(new BuildInput.DebianPackages(List.of("strace")), new BuildInput.StoreObject(tool)),
                Optional.empty(), Optional.empty());

        BuiltOperable built = builds().build("//a/operables/api", api);
        DebugShell shell = builds().debugShell("//a/operables/api", api).orElseThrow();

        assertThat(shell.object().path().name()).isEqualTo("debug-api");
        assertThat(shell.script()).isEqualTo(shell.object().path() + "/bin/debug-api");
        Path script = store.physicalPath(shell.object().path()).resolve("bin/debug-api");
        assertThat(Files.getPosixFilePermissions(script)).isEqualTo(PosixFilePermissions.fromString("r-xr-xr-x"));
        assertThat(Files.readString(script)).isEqualTo("""
                #!/bin/bash
                # debug-api: a shell to look inside //a/operables/api, its debug inputs first on PATH. Generated by cairn.
                export PATH='%s/bin':"${PATH:-/usr/local/bin:/usr/bin:/bin}"
                exec /bin/bash "$@"
                """.formatted(tool));
        assertThat(shell.object().references()).containsExactly(tool);
        assertThat(store.closure(List.of(built.object().path()))).doesNotContain(tool, shell.object().path());
        Process check = new ProcessBuilder("shellcheck", "--severity=style", "--norc", script.toString())
                .redirectErrorStream(true).start();
        assertThat(new String(check.getInputStream().readAllBytes())).isEmpty();
    }

    @Test
    void debugInputsOfDebianPackagesAloneNeedNoDebugShell() {
        OperableSpec api = new OperableSpec("api", Optional.empty(), "exec api", List.of(), List.of(),
                List.of(new BuildInput.DebianPackages(List.of("strace"))), Optional.empty(), Optional.empty());

        assertThat(builds().debugShell("//a/operables/api", api)).isEmpty();
    }

    @Test
    void aDebugInputMissingFromTheStoreIsNamed() {
        StorePath absent = StorePath.parse("/cairn/store/00000000000000000000000000000000-gone-1.0");
        OperableSpec spec = new OperableSpec("api", Optional.empty(), "exec api", List.of(), List.of(),
                List.of(new BuildInput.StoreObject(absent)), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> builds().debugShell("//a/operables/api", spec))
                .isInstanceOf(OperableException.class)
                .hasMessage("//a/operables/api: debug input " + absent + " is not in the store");
    }

    private OperableBuilds builds() {
        OperableBuilds.Inputs inputs = new OperableBuilds.Inputs() {
            @Override
            public OperableSpec operableAt(String address) {
                return operables.get(address);
            }

            @Override
            public PackageSpec packageAt(String address) {
                throw new PackagingException("no package " + address, "");
            }

            @Override
            public RealizedPackages debian(List<String> request) {
                requested.add(request);
                return new RealizedPackages(List.of(), rootfsConfig);
            }

            @Override
            public StorePath npmTarball(LockedTarball tarball) {
                throw new UnsupportedOperationException();
            }
        };
        DerivationBuilder builder = new DerivationBuilder(store, Sandbox.at(Path.of("/usr/bin/bwrap")),
                temp.resolve("cache"));
        PackageBuilds packages = new PackageBuilds(store, builder, inputs, 0, line -> { });
        return new OperableBuilds(store, packages, inputs, temp.resolve("scratch"), line -> { });
    }
}
