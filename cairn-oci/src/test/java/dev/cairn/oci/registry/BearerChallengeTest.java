package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.Digest;
import dev.cairn.oci.OciException;
import dev.cairn.oci.registry.auth.CredentialSource;
import dev.cairn.oci.registry.auth.Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Bearer handshake's variants a real registry setup does not easily show: identity tokens
 * (OAuth2 refresh grant), {@code access_token} answers, and realms that may not be used.
 * The end-to-end flow against docker-registry is in {@link AuthenticationTest}.
 */
@Timeout(60)
class BearerChallengeTest {
    private static final Digest DIGEST = Digest.sha256(new byte[] {7});

    /** A registry wanting {@code Bearer good-token}, challenging with {@code realm} otherwise. */
    private static StubServer registryWithRealm(String realm) {
        return StubServer.start(exchange -> {
            if ("Bearer good-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                StubServer.respond(exchange, 200, Map.of(), new byte[0]);
            } else {
                StubServer.respond(exchange, 401, Map.of("WWW-Authenticate",
                        "Bearer realm=\"" + realm + "\",service=\"stub\",scope=\"repository:team/app:pull\""), new byte[0]);
            }
        });
    }

    @Test
    void anIdentityTokenIsExchangedWithARefreshTokenGrant() {
        try (StubServer realm = StubServer.start(exchange -> StubServer.respond(exchange, 200,
                "{\"access_token\":\"good-token\",\"expires_in\":300}"));
             StubServer registry = registryWithRealm("http://" + realm.address() + "/oauth2/token");
             RegistryClient client = RegistryClient.create(TestClients.options().withCredentials(
                     CredentialSource.of(Map.of(registry.address(), Credentials.identityToken("refresh-me")))))) {
            assertThat(client.blobExists(new Repository(registry.address(), "team/app"), DIGEST)).isTrue();

            assertThat(realm.received()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.body()).contains("grant_type=refresh_token", "refresh_token=refresh-me", "service=stub",
                        "scope=repository%3Ateam%2Fapp%3Apull");
                assertThat(r.authorization()).isNull();
            });
        }
    }

    @Test
    void basicCredentialsGoToTheRealmAndTheTokenToTheRegistry() {
        Credentials credentials = Credentials.basic("user", "password");
        try (StubServer realm = StubServer.start(exchange -> StubServer.respond(exchange, 200, "{\"token\":\"good-token\"}"));
             StubServer registry = registryWithRealm("http://" + realm.address() + "/token");
             RegistryClient client = RegistryClient.create(TestClients.options().withCredentials(
                     CredentialSource.of(Map.of(registry.address(), credentials))))) {
            Repository repository = new Repository(registry.address(), "team/app");
            assertThat(client.blobExists(repository, DIGEST)).isTrue();
            assertThat(client.blobExists(repository, DIGEST)).isTrue();

            assertThat(realm.received()).singleElement().satisfies(r -> {
                assertThat(r.target()).isEqualTo("/token?service=stub&scope=repository%3Ateam%2Fapp%3Apull");
                assertThat(r.authorization()).isEqualTo(credentials.basicAuthorization());
            });
            assertThat(registry.received()).extracting(StubServer.Received::authorization)
                    .containsExactly(null, "Bearer good-token", "Bearer good-token");
        }
    }

    @Test
    void aRealmOverPlainHttpOnANetworkHostIsRefusedBeforeAnyCredentialIsSent() {
        try (StubServer registry = registryWithRealm("http://auth.example.invalid/token");
             RegistryClient client = RegistryClient.create(TestClients.options().withCredentials(
                     CredentialSource.of(Map.of("unused", Credentials.basic("user", "password")))))) {
            assertThatThrownBy(() -> client.blobExists(new Repository(registry.address(), "team/app"), DIGEST))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("getting a token for " + registry.address())
                    .hasMessageContaining("plain HTTP to auth.example.invalid")
                    .satisfies(e -> assertThat(((OciException) e).hint()).contains("--insecure-registry auth.example.invalid"));
        }
    }

    @Test
    void aRealmAnsweringWithoutATokenIsReported() {
        try (StubServer realm = StubServer.start(exchange -> StubServer.respond(exchange, 200, "{}"));
             StubServer registry = registryWithRealm("http://" + realm.address() + "/token");
             RegistryClient client = TestClients.client()) {
            assertThatThrownBy(() -> client.blobExists(new Repository(registry.address(), "team/app"), DIGEST))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("sent no token");
        }
    }
}
