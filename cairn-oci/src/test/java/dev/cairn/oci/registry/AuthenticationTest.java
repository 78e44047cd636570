package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.OciException;
import dev.cairn.oci.registry.auth.CredentialSource;
import dev.cairn.oci.registry.auth.Credentials;
import dev.cairn.oci.registry.auth.DockerConfigCredentials;
import dev.cairn.oci.testing.LocalRegistry;
import dev.cairn.oci.testing.TestImage;
import dev.cairn.oci.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Authenticating to real registries: htpasswd (Basic) and token (Bearer) authentication. */
@Tag("integration")
@Timeout(120)
class AuthenticationTest {
    private static final String USER = "cairn";
    private static final String PASSWORD = "s3cret-pass";

    @TempDir
    Path temp;

    private static RegistryClient clientWith(CredentialSource credentials) {
        return RegistryClient.create(TestClients.options().withCredentials(credentials));
    }

    @Nested
    class Basic {
        @Test
        void pushingWithoutCredentialsFailsWithALoginHint() {
            try (LocalRegistry registry = LocalRegistry.builder().basicAuth(USER, PASSWORD).start();
                 RegistryClient client = clientWith(CredentialSource.none())) {
                Repository repository = new Repository(registry.address(), "private/app");
                assertThatThrownBy(() -> client.push(TestImage.of(Map.of("f", "x")).plan(repository, "1")))
                        .isInstanceOf(OciException.class)
                        .hasMessageContaining(registry.address() + " requires authentication")
                        .hasMessageContaining("repository:private/app:pull")
                        .satisfies(e -> assertThat(((OciException) e).hint()).isEqualTo(
                                "no credentials for " + registry.address() + ": log in with `podman login "
                                        + registry.address() + "` / `docker login " + registry.address()
                                        + "`, or add it to ~/.docker/config.json"));
            }
        }

        @Test
        void credentialsFromADockerConfigAuthEntryAreUsed() throws Exception {
            try (LocalRegistry registry = LocalRegistry.builder().basicAuth(USER, PASSWORD).start()) {
                String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                Path config = Files.writeString(temp.resolve("config.json"),
                        "{\"auths\": {\"" + registry.address() + "\": {\"auth\": \"" + auth + "\"}}}");
                TestImage image = TestImage.of(Map.of("f", "basic\n"));
                Repository repository = new Repository(registry.address(), "private/app");
                try (RegistryClient client = clientWith(new DockerConfigCredentials(List.of(config), List.of()))) {
                    PushResult result = client.push(image.plan(repository, "1"));
                    assertThat(result.uploaded()).isEqualTo(2);
                    assertThat(client.pullManifest(repository.tagged("1")).digest()).isEqualTo(image.manifestDigest());
                    assertThat(client.ping(registry.address()).access()).isEqualTo(RegistryPing.Access.AUTHENTICATED);
                }
            }
        }

        @Test
        void credentialsFromACredentialHelperAreUsed() throws Exception {
            try (LocalRegistry registry = LocalRegistry.builder().basicAuth(USER, PASSWORD).start()) {
                Path bin = Files.createDirectories(temp.resolve("bin"));
                Path asked = temp.resolve("asked");
                writeScript(bin.resolve("docker-credential-test"), """
                        #!/bin/sh
                        [ "$1" = get ] || exit 2
                        read -r server
                        printf '%%s' "$server" > '%s'
                        printf '{"ServerURL":"%%s","Username":"%s","Secret":"%s"}' "$server"
                        """.formatted(asked, USER, PASSWORD));
                Path config = Files.writeString(temp.resolve("config.json"),
                        "{\"credHelpers\": {\"" + registry.address() + "\": \"test\"}}");
                TestImage image = TestImage.of(Map.of("f", "helper\n"));
                Repository repository = new Repository(registry.address(), "helped/app");
                try (RegistryClient client = clientWith(new DockerConfigCredentials(List.of(config), List.of(bin)))) {
                    assertThat(client.push(image.plan(repository, "1")).uploaded()).isEqualTo(2);
                }
                assertThat(asked).hasContent(registry.address());
            }
        }

        @Test
        void aWrongPasswordIsRefusedNamingTheUser() {
            try (LocalRegistry registry = LocalRegistry.builder().basicAuth(USER, PASSWORD).start();
                 RegistryClient client = clientWith(CredentialSource.of(Map.of(registry.address(), Credentials.basic(USER, "wrong"))))) {
                assertThatThrownBy(() -> client.ping(registry.address()))
                        .isInstanceOf(OciException.class)
                        .hasMessageContaining(registry.address() + " refused user 'cairn'")
                        .hasMessageNotContaining("wrong")
                        .satisfies(e -> assertThat(((OciException) e).hint()).contains("podman login " + registry.address()));
            }
        }

        @Test
        void pingTellsWhetherCredentialsAreMissing() {
            try (LocalRegistry registry = LocalRegistry.builder().basicAuth(USER, PASSWORD).start();
                 RegistryClient client = clientWith(CredentialSource.none())) {
                RegistryPing ping = client.ping(registry.address());
                assertThat(ping.access()).isEqualTo(RegistryPing.Access.CREDENTIALS_MISSING);
                assertThat(ping.endpoint()).hasToString("http://" + registry.address());
            }
        }
    }

    @Nested
    class Bearer {
        @Test
        void aTokenFromTheRealmAuthorisesPushAndPullAndIsReused() throws Exception {
            try (TokenServer tokens = TokenServer.start(USER, PASSWORD);
                 LocalRegistry registry = LocalRegistry.builder().tokenAuth(tokens).start();
                 RegistryClient client = clientWith(CredentialSource.of(Map.of(registry.address(), Credentials.basic(USER, PASSWORD))))) {
                TestImage image = TestImage.of(Map.of("f", "bearer\n"));
                Repository repository = new Repository(registry.address(), "tokens/app");

                PushResult result = client.push(image.plan(repository, "1"));
                assertThat(result.uploaded()).isEqualTo(2);
                assertThat(tokens.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authenticated()).isTrue());
                assertThat(tokens.requests()).anySatisfy(r -> assertThat(r.scopes()).containsExactly("repository:tokens/app:pull,push"));

                int issued = tokens.requests().size();
                PushResult again = client.push(image.plan(repository, "1"));
                assertThat(again.skipped()).isEqualTo(2);
                assertThat(tokens.requests()).as("tokens are cached per registry and scope").hasSize(issued);

                assertThat(client.pullManifest(repository.tagged("1")).digest()).isEqualTo(image.manifestDigest());
                TestImage.Blob layer = image.layers().get(0);
                client.pullBlob(repository, layer.descriptor(), temp.resolve("layer"));
                assertThat(temp.resolve("layer")).hasBinaryContent(layer.bytes());
            }
        }

        @Test
        void aMountAsksForPullOnTheSourceRepositoryToo() {
            try (TokenServer tokens = TokenServer.start(USER, PASSWORD);
                 LocalRegistry registry = LocalRegistry.builder().tokenAuth(tokens).start();
                 RegistryClient client = clientWith(CredentialSource.of(Map.of(registry.address(), Credentials.basic(USER, PASSWORD))))) {
                TestImage image = TestImage.of(Map.of("f", "mounted with a token\n"));
                client.push(image.plan(new Repository(registry.address(), "tokens/source"), "1"));

                List<PushPlan.Blob> mountable = image.blobs().stream().map(b -> b.planned().mountableFrom("tokens/source")).toList();
                PushResult result = client.push(PushPlan.of(new Repository(registry.address(), "tokens/target"), mountable,
                        image.manifest(), dev.cairn.oci.MediaTypes.OCI_MANIFEST, "1"));

                assertThat(result.mounted()).isEqualTo(2);
                assertThat(tokens.requests()).anySatisfy(r -> assertThat(r.scopes())
                        .contains("repository:tokens/source:pull", "repository:tokens/target:pull,push"));
            }
        }

        @Test
        void anAnonymousTokenWithoutAccessFailsWithALoginHint() {
            try (TokenServer tokens = TokenServer.start(USER, PASSWORD);
                 LocalRegistry registry = LocalRegistry.builder().tokenAuth(tokens).start();
                 RegistryClient client = clientWith(CredentialSource.none())) {
                Repository repository = new Repository(registry.address(), "tokens/private");
                assertThatThrownBy(() -> client.push(TestImage.of(Map.of("f", "x")).plan(repository, "1")))
                        .isInstanceOf(OciException.class)
                        .hasMessageContaining(registry.address() + " requires authentication")
                        .satisfies(e -> assertThat(((OciException) e).hint()).startsWith("no credentials for " + registry.address()));
                assertThat(tokens.requests()).isNotEmpty().noneSatisfy(r -> assertThat(r.authenticated()).isTrue());
            }
        }

        @Test
        void aRealmRefusingTheCredentialsSaysSo() {
            try (TokenServer tokens = TokenServer.start(USER, PASSWORD);
                 LocalRegistry registry = LocalRegistry.builder().tokenAuth(tokens).start();
                 RegistryClient client = clientWith(CredentialSource.of(Map.of(registry.address(), Credentials.basic(USER, "nope"))))) {
                assertThatThrownBy(() -> client.pullManifest(new Repository(registry.address(), "tokens/app").tagged("1")))
                        .isInstanceOf(OciException.class)
                        .hasMessageContaining("the token service " + tokens.realm())
                        .hasMessageContaining("refused user 'cairn'")
                        .hasMessageContaining("401");
            }
        }
    }

    static void writeScript(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
