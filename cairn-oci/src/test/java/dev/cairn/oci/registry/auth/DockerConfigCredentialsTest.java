package dev.cairn.oci.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.OciException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading credentials the way docker and podman store them, from generated config files and helpers. */
class DockerConfigCredentialsTest {
    @TempDir
    Path temp;

    private Path config(String json) throws Exception {
        return Files.writeString(temp.resolve("config-" + System.nanoTime() + ".json"), json);
    }

    private DockerConfigCredentials reading(Path... files) {
        return new DockerConfigCredentials(List.of(files), List.of(temp.resolve("bin")));
    }

    private void helper(String name, String script) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path file = bin.resolve("docker-credential-" + name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAuthEntryIsBase64OfUserColonPassword() throws Exception {
        Path file = config("{\"auths\":{\"registry.example.com:5000\":{\"auth\":\"" + base64("alice:pa:ss") + "\"}}}");
        assertThat(reading(file).lookup("registry.example.com:5000")).contains(Credentials.basic("alice", "pa:ss"));
        assertThat(reading(file).lookup("registry.example.com")).isEmpty();
    }

    @Test
    void entriesMayBeKeyedByUrlAndSpellOutUserAndPassword() throws Exception {
        Path file = config("{\"auths\":{\"https://registry.example.com/v2/\":{\"username\":\"bob\",\"password\":\"pw\"}}}");
        assertThat(reading(file).lookup("registry.example.com")).contains(Credentials.basic("bob", "pw"));
    }

    @Test
    void anIdentityTokenIsKeptAsSuch() throws Exception {
        Path file = config("{\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("<token>:") + "\",\"identitytoken\":\"refresh\"}}}");
        assertThat(reading(file).lookup("registry.example.com")).contains(Credentials.identityToken("refresh"));
    }

    @Test
    void dockerHubIsFoundUnderItsLegacyKey() throws Exception {
        Path file = config("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + base64("hubuser:hubpass") + "\"}}}");
        assertThat(reading(file).lookup("docker.io")).contains(Credentials.basic("hubuser", "hubpass"));
    }

    @Test
    void aRegistrysOwnHelperIsAskedWithTheRegistryOnStdin() throws Exception {
        helper("corp", """
                #!/bin/sh
                read -r server
                if [ "$server" = "registry.corp:5000" ]; then
                  echo '{"ServerURL":"registry.corp:5000","Username":"carol","Secret":"from-helper"}'
                else
                  echo "credentials not found in native keychain"; exit 1
                fi
                """);
        Path file = config("{\"credHelpers\":{\"registry.corp:5000\":\"corp\"},"
                + "\"auths\":{\"registry.corp:5000\":{\"auth\":\"" + base64("ignored:ignored") + "\"}}}");
        assertThat(reading(file).lookup("registry.corp:5000")).contains(Credentials.basic("carol", "from-helper"));
    }

    @Test
    void theDefaultStoreIsAskedAndAuthsAreTheFallback() throws Exception {
        helper("store", """
                #!/bin/sh
                read -r server
                if [ "$server" = "stored.example.com" ]; then
                  echo '{"Username":"<token>","Secret":"identity"}'
                else
                  echo "credentials not found in native keychain"; exit 1
                fi
                """);
        Path file = config("{\"credsStore\":\"store\",\"auths\":{\"plain.example.com\":{\"auth\":\"" + base64("dan:pw") + "\"}}}");
        assertThat(reading(file).lookup("stored.example.com")).contains(Credentials.identityToken("identity"));
        assertThat(reading(file).lookup("plain.example.com")).contains(Credentials.basic("dan", "pw"));
        assertThat(reading(file).lookup("nowhere.example.com")).isEmpty();
    }

    @Test
    void aHelperThatIsNotInstalledIsNamedWithAHint() throws Exception {
        Path file = config("{\"credHelpers\":{\"registry.example.com\":\"missing\"}}");
        assertThatThrownBy(() -> reading(file).lookup("registry.example.com"))
                .isInstanceOf(OciException.class)
                .hasMessageContaining("docker-credential-missing is named in the docker config but is not on the PATH")
                .satisfies(e -> assertThat(((OciException) e).hint()).contains("install docker-credential-missing"));
    }

    @Test
    void aFailingHelperIsReportedWithWhatItSaid() throws Exception {
        helper("broken", "#!/bin/sh\necho 'keychain is locked' >&2\nexit 3\n");
        Path file = config("{\"credHelpers\":{\"registry.example.com\":\"broken\"}}");
        assertThatThrownBy(() -> reading(file).lookup("registry.example.com"))
                .isInstanceOf(OciException.class)
                .hasMessageContaining("docker-credential-broken get failed for registry.example.com (exit 3): keychain is locked");
    }

    @Test
    void theFirstFileThatKnowsTheRegistryWinsAndMissingFilesAreSkipped() throws Exception {
        Path first = config("{\"auths\":{\"a.example.com\":{\"auth\":\"" + base64("first:1") + "\"}}}");
        Path second = config("{\"auths\":{\"a.example.com\":{\"auth\":\"" + base64("second:2") + "\"},"
                + "\"b.example.com\":{\"auth\":\"" + base64("second:3") + "\"}}}");
        DockerConfigCredentials credentials = reading(temp.resolve("absent.json"), first, second);
        assertThat(credentials.lookup("a.example.com")).contains(Credentials.basic("first", "1"));
        assertThat(credentials.lookup("b.example.com")).contains(Credentials.basic("second", "3"));
    }

    @Test
    void aDamagedFileIsNamed() throws Exception {
        Path file = config("{\"auths\": {");
        assertThatThrownBy(() -> reading(file).lookup("a.example.com"))
                .isInstanceOf(OciException.class)
                .hasMessageContaining(file + " is damaged: it is not valid JSON");
        Path badAuth = config("{\"auths\":{\"a.example.com\":{\"auth\":\"not base64!\"}}}");
        assertThatThrownBy(() -> reading(badAuth).lookup("a.example.com"))
                .hasMessageContaining("auths[\"a.example.com\"].auth is not base64");
    }

    @Test
    void theDefaultFilesFollowTheEnvironment() {
        Path home = Path.of("/home/u");
        assertThat(DockerConfigCredentials.defaultConfigFiles(Map.of(), home))
                .containsExactly(Path.of("/home/u/.docker/config.json"));
        assertThat(DockerConfigCredentials.defaultConfigFiles(Map.of("DOCKER_CONFIG", "/etc/docker-cfg",
                "XDG_RUNTIME_DIR", "/run/user/1000", "REGISTRY_AUTH_FILE", "/tmp/auth.json"), home))
                .containsExactly(Path.of("/tmp/auth.json"), Path.of("/run/user/1000/containers/auth.json"),
                        Path.of("/etc/docker-cfg/config.json"));
        assertThat(DockerConfigCredentials.searchPath("/usr/local/bin::/usr/bin"))
                .containsExactly(Path.of("/usr/local/bin"), Path.of("/usr/bin"));
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertThat(Credentials.basic("erin", "hunter2")).hasToString("Credentials[user 'erin']");
        assertThat(Credentials.identityToken("tok")).hasToString("Credentials[an identity token]");
        assertThat(Optional.of(Credentials.basic("erin", "hunter2")).toString()).doesNotContain("hunter2");
    }
}
