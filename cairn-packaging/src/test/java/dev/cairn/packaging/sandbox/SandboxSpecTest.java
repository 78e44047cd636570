package dev.cairn.packaging.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StorePath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A spec the sandbox cannot honour is refused with a message naming what is wrong. */
class SandboxSpecTest {
    private static final Path BUILD = Path.of("/tmp/build");
    private static final StorePath OBJECT = StorePath.parse("0123456789abcdfghijklmnpqrsvwxyz-hello");

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SandboxSpec spec = SandboxSpec.of(BUILD, List.of("true"));

        assertThat(spec.path()).isEqualTo("/usr/local/bin:/usr/bin:/bin");
        assertThat(spec.sourceDateEpoch()).isEqualTo(315_532_800L);
        assertThat(spec.network()).isEqualTo(Network.NONE);
        assertThat(spec.timeout()).isEmpty();
        assertThat(spec.rootfs()).isEmpty();
        assertThat(BwrapArguments.variables(spec)).containsExactly(
                Map.entry("HOME", "/homeless-shelter"), Map.entry("LC_ALL", "C.UTF-8"),
                Map.entry("PATH", "/usr/local/bin:/usr/bin:/bin"), Map.entry("PWD", "/build"),
                Map.entry("SOURCE_DATE_EPOCH", "315532800"),
                Map.entry("TMPDIR", "/tmp"), Map.entry("TZ", "UTC"));
    }

    @Test
    void aVariableTheSandboxFixesCannotBeSet() {
        assertThatThrownBy(() -> SandboxSpec.of(BUILD, List.of("true")).withEnvironment(Map.of("HOME", "/root")))
                .isInstanceOf(PackagingException.class)
                .hasMessage("the build environment sets HOME, which the sandbox fixes");
    }

    @Test
    void aBadVariableNameIsRefused() {
        assertThatThrownBy(() -> SandboxSpec.of(BUILD, List.of("true")).withEnvironment(Map.of("A=B", "c")))
                .isInstanceOf(PackagingException.class)
                .hasMessage("'A=B' is not an environment variable name");
    }

    @Test
    void anObjectDeclaredTwiceIsRefused() {
        StoreMount mount = new StoreMount(OBJECT, Path.of("/store", OBJECT.baseName()));
        assertThatThrownBy(() -> SandboxSpec.of(BUILD, List.of("true"))
                        .withInputs(List.of(mount)).withOutputs(List.of(mount)))
                .isInstanceOf(PackagingException.class)
                .hasMessage(OBJECT + " is declared twice among the build's inputs and outputs");
    }

    @Test
    void relativePathsAndEmptyCommandsAreRefused() {
        assertThatThrownBy(() -> SandboxSpec.of(Path.of("build"), List.of("true")))
                .isInstanceOf(PackagingException.class).hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> new StoreMount(OBJECT, Path.of("store")))
                .isInstanceOf(PackagingException.class).hasMessageContaining("is not absolute");
        assertThatThrownBy(() -> SandboxSpec.of(BUILD, List.of()))
                .isInstanceOf(PackagingException.class).hasMessage("a sandboxed build needs a command");
        assertThatThrownBy(() -> SandboxSpec.of(BUILD, List.of("true")).withTimeout(Duration.ZERO))
                .isInstanceOf(PackagingException.class).hasMessageContaining("is not positive");
    }
}
