package dev.cairn.packaging.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StorePath;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageSpecTest {
    private static final Path SOURCE = Path.of("/ws/services/orders");
    private static final StorePath JRE = StorePath.parse("/cairn/store/0c5m2fv7hlqf3qbx8qpmdrw9ccc3dcjp-openjdk-21-jre");

    private static CommandBuild command(String version, List<BuildInput> inputs, Map<String, String> env) {
        return new CommandBuild("hello", version, null, List.of(), inputs, env, "make install", null);
    }

    private static MavenBuild maven(Path source, List<String> goals) {
        return new MavenBuild("orders", "2.3.0", source, List.of(), List.of(), Map.of(), goals, null, null, List.of());
    }

    @Test
    void unsetSettingsTakeTheirDefaults() {
        CommandBuild command = command("1.0", List.of(), Map.of());
        MavenBuild maven = maven(SOURCE, List.of());
        NpmBuild npm = new NpmBuild("web", "1.4.2", SOURCE, List.of(), List.of(), Map.of(), List.of(), true);

        assertThat(command.shell()).isEqualTo("bash");
        assertThat(command.tools()).isEmpty();
        assertThat(maven.goals()).containsExactly("verify");
        assertThat(maven.tools()).containsExactly("openjdk-17-jdk-headless", "maven", "bash", "coreutils", "dash");
        assertThat(npm.nodejs()).containsExactly("nodejs");
        assertThat(npm.tools()).containsExactly("nodejs", "bash", "coreutils");
    }

    @Test
    void theOutputIsNamedAfterNameAndVersion() {
        assertThat(maven(SOURCE, List.of()).outputName()).isEqualTo("orders-2.3.0");
    }

    @Test
    void eachKindSaysWhatItsSourceMustHold() {
        assertThat(command("1", List.of(), Map.of()).requiredSourceFiles()).isEmpty();
        assertThat(maven(SOURCE, List.of()).requiredSourceFiles()).containsExactly("pom.xml");
        assertThat(new NpmBuild("web", "1", SOURCE, List.of(), List.of(), Map.of(), List.of(), false).requiredSourceFiles())
                .containsExactly("package.json", "package-lock.json");
    }

    @Test
    void inputsAndEnvKeepTheirOrder() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Z", "1");
        env.put("A", "2");
        List<BuildInput> inputs = List.of(new BuildInput.PackageReference("//shared/packages/tokens"),
                new BuildInput.DebianPackages(List.of("gcc", "make=4.3-4.1")), new BuildInput.StoreObject(JRE));

        CommandBuild command = command("1", inputs, env);

        assertThat(command.inputs()).isEqualTo(inputs);
        assertThat(command.env().keySet()).containsExactly("Z", "A");
    }

    @Test
    void mavenAndNpmNeedASource() {
        assertThatThrownBy(() -> maven(null, List.of()))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Maven builds need a source: the directory holding pom.xml");
        assertThatThrownBy(() -> new NpmBuild("web", "1", null, List.of(), List.of(), Map.of(), List.of(), true))
                .isInstanceOf(PackagingException.class)
                .hasMessage("npm builds need a source: the directory holding package.json and package-lock.json");
    }

    @Test
    void aVersionThatCannotNameAStoreObjectIsRefused() {
        assertThatThrownBy(() -> command("1.0 beta", List.of(), Map.of()))
                .isInstanceOf(PackagingException.class)
                .hasMessage("version '1.0 beta' cannot be part of the output's name: store name 'hello-1.0 beta'"
                        + " contains ' '")
                .extracting(e -> ((PackagingException) e).hint())
                .asString()
                .contains("A-Z a-z 0-9 + - . _ ? =");
        assertThatThrownBy(() -> command(" ", List.of(), Map.of())).hasMessage("the version is blank");
    }

    @Test
    void outIsTheBuildsOwnVariable() {
        assertThatThrownBy(() -> command("1", List.of(), Map.of("out", "/tmp")))
                .isInstanceOf(PackagingException.class)
                .hasMessage("environment variable 'out' is set by the build itself, to the output's path");
        assertThatThrownBy(() -> command("1", List.of(), Map.of("A=B", "c")))
                .hasMessage("environment variable name 'A=B' is not one a process can have");
    }

    @Test
    void anInputListedTwiceIsASlip() {
        assertThatThrownBy(() -> command("1", List.of(new BuildInput.StoreObject(JRE), new BuildInput.StoreObject(JRE)),
                Map.of()))
                .isInstanceOf(PackagingException.class)
                .hasMessage("input " + JRE + " is listed twice");
    }

    @Test
    void debianRequestsAreCheckedLikeTheLockWillReadThem() {
        assertThatThrownBy(() -> new BuildInput.DebianPackages(List.of("nodejs=1:")))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Debian package request 'nodejs=1:': '1:' is not a Debian version: nothing follows the epoch");
        assertThatThrownBy(() -> new BuildInput.DebianPackages(List.of()))
                .hasMessage("Debian packages input asks for no package");
        assertThatThrownBy(() -> new MavenBuild("orders", "1", SOURCE, List.of(), List.of(), Map.of(), List.of(),
                "openjdk-17-jdk-headless=1:", null, List.of()))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith("jdk: Debian package request 'openjdk-17-jdk-headless=1:'");
        assertThatThrownBy(() -> new NpmBuild("web", "1", SOURCE, List.of(), List.of(), Map.of(), List.of("node js"), true))
                .hasMessageStartingWith("nodejs: Debian 'node js' is not a package request");
    }

    @Test
    void aMavenGoalIsNotAnOption() {
        assertThatThrownBy(() -> maven(SOURCE, List.of("-DskipTests", "verify")))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Maven goal '-DskipTests' is an option")
                .extracting(e -> ((PackagingException) e).hint())
                .isEqualTo("put options in extraArgs");
        assertThatThrownBy(() -> maven(SOURCE, List.of("clean verify")))
                .hasMessage("Maven goal 'clean verify' is blank or has a space");
    }

    @Test
    void aPackageReferenceIsAPackagesAddress() {
        BuildInput.PackageReference reference = new BuildInput.PackageReference("//shared/packages/design-tokens");

        assertThat(reference.cell()).isEqualTo("shared");
        assertThat(reference.name()).isEqualTo("design-tokens");
        for (String wrong : List.of("//shared/oci-images/web", "shared/packages/x", "//Shared/packages/x", "//a/packages/")) {
            assertThatThrownBy(() -> new BuildInput.PackageReference(wrong))
                    .as(wrong)
                    .isInstanceOf(PackagingException.class)
                    .hasMessage("'" + wrong + "' is not a package's address");
        }
    }

    @Test
    void aCommandNeedsAScriptAndAShellByName() {
        assertThatThrownBy(() -> new CommandBuild("hello", "1", null, List.of(), List.of(), Map.of(), " \n", null))
                .isInstanceOf(PackagingException.class)
                .hasMessage("the script is blank");
        assertThatThrownBy(() -> new CommandBuild("hello", "1", null, List.of(), List.of(), Map.of(), "true", "/bin/bash"))
                .isInstanceOf(PackagingException.class)
                .hasMessage("shell '/bin/bash' is not a command name");
    }

    @Test
    void aSourceIsAnAbsolutePath() {
        assertThatThrownBy(() -> maven(Path.of("services/orders"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
