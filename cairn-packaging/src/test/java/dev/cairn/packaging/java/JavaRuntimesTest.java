package dev.cairn.packaging.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.packaging.spec.CommandBuild;
import dev.cairn.packaging.spec.JavaRuntimeBuild;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaRuntimesTest {
    private static JavaRuntimeBuild runtime(List<String> modules, boolean stripDebug) {
        return new JavaRuntimeBuild("api-jre", "17", List.of(new BuildInput.DebianPackages(List.of("binutils"))),
                Map.of("TZ", "UTC"), null, modules, stripDebug);
    }

    @Test
    void theBuildLinksTheModulesWithTheJdkFirstAndTheDeclaredInputsAfter() {
        CommandBuild command = JavaRuntimes.command(runtime(List.of("java.base", "jdk.httpserver"), true));

        assertThat(command.inputs()).containsExactly(
                new BuildInput.DebianPackages(List.of("openjdk-17-jdk-headless", "bash", "coreutils")),
                new BuildInput.DebianPackages(List.of("binutils")));
        assertThat(command.env()).isEqualTo(Map.of("TZ", "UTC"));
        assertThat(command.source()).isNull();
        assertThat(command.outputName()).isEqualTo("api-jre-17");
        assertThat(command.script()).isEqualTo("""
                jlink --add-modules java.base,jdk.httpserver --no-man-pages --no-header-files \
                --strip-java-debug-attributes --output /build/runtime
                cp -R /build/runtime/. "$out/"
                rm -f "$out/lib/security/cacerts"
                ln -s /etc/ssl/certs/java/cacerts "$out/lib/security/cacerts"
                """);
    }

    @Test
    void debugAttributesStayWhenStrippingIsOff() {
        assertThat(JavaRuntimes.script(runtime(List.of("java.base"), false)))
                .startsWith("jlink --add-modules java.base --no-man-pages --no-header-files --output /build/runtime\n");
    }

    @Test
    void aRuntimeNeedsModulesWithJavaNames() {
        assertThatThrownBy(() -> runtime(List.of(), true))
                .isInstanceOf(PackagingException.class)
                .hasMessage("a Java runtime links no modules");
        assertThatThrownBy(() -> runtime(List.of("java.base", "jdk/httpserver"), true))
                .isInstanceOf(PackagingException.class)
                .hasMessage("'jdk/httpserver' is not a Java module name");
    }
}
