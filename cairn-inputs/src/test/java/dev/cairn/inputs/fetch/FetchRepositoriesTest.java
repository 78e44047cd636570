package dev.cairn.inputs.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchRepositoriesTest {
    @TempDir
    Path home;

    private void configure(String text) throws IOException {
        Path file = home.resolve(".config/cairn/repositories.conf");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theUsersFileNamesARepositorysRoot() throws IOException {
        configure("# mirrors\n\nother = http://127.0.0.1:1/other\nreleases = http://127.0.0.1:1/releases\n");

        FetchRepositories repositories = FetchRepositories.fromEnvironment(Map.of("HOME", home.toString()));

        assertThat(repositories.resolve("releases", "tool/1.0/tool.tar.gz"))
                .isEqualTo(URI.create("http://127.0.0.1:1/releases/tool/1.0/tool.tar.gz"));
    }

    @Test
    void theEnvironmentVariableNamedAfterTheRepositoryWinsOverTheFile() throws IOException {
        configure("releases-eu = http://127.0.0.1:1/from-file/\n");

        FetchRepositories repositories = FetchRepositories.fromEnvironment(Map.of("HOME", home.toString(),
                "CAIRN_REPOSITORY_RELEASES_EU", "file:/srv/releases"));

        assertThat(FetchRepositories.variable("releases-eu")).isEqualTo("CAIRN_REPOSITORY_RELEASES_EU");
        assertThat(repositories.base("releases-eu")).isEqualTo(URI.create("file:/srv/releases/"));
    }

    @Test
    void xdgConfigHomeMovesTheFile() throws IOException {
        Path config = Files.createDirectories(home.resolve("xdg/cairn"));
        Files.writeString(config.resolve("repositories.conf"), "releases=https://127.0.0.1:1/r/\n");

        FetchRepositories repositories = FetchRepositories.fromEnvironment(Map.of("HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("xdg").toString()));

        assertThat(repositories.base("releases")).isEqualTo(URI.create("https://127.0.0.1:1/r/"));
    }

    @Test
    void anUnconfiguredRepositoryIsNamedWithBothPlacesToConfigureIt() {
        FetchRepositories repositories = FetchRepositories.fromEnvironment(Map.of("HOME", home.toString()));

        assertThatThrownBy(() -> repositories.base("releases"))
                .isInstanceOf(InputsException.class)
                .hasMessage("no address is configured for the repository 'releases' (looked at CAIRN_REPOSITORY_RELEASES"
                        + " and " + home.resolve(".config/cairn/repositories.conf") + ")")
                .extracting(e -> ((InputsException) e).hint()).asString()
                .startsWith("set CAIRN_REPOSITORY_RELEASES=<URL> in the environment, or add the line `releases = <URL>`");
    }

    @Test
    void anAddressThatIsNoUrlAndALineThatIsNoSettingAreRefusedByWhere() throws IOException {
        FetchRepositories ftp = FetchRepositories.fromEnvironment(Map.of("CAIRN_REPOSITORY_RELEASES", "ftp://127.0.0.1/"));
        assertThatThrownBy(() -> ftp.base("releases")).hasMessageContaining("set in the environment"
                + " (CAIRN_REPOSITORY_RELEASES), 'ftp://127.0.0.1/', is not a URL");

        configure("releases http://127.0.0.1:1/\n");
        FetchRepositories broken = FetchRepositories.fromEnvironment(Map.of("HOME", home.toString()));
        assertThatThrownBy(() -> broken.base("releases")).hasMessageContaining("repositories.conf:1:")
                .hasMessageContaining("is not `name = URL`");
    }
}
