package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void aBearerChallengeGivesRealmServiceAndScope() {
        AuthChallenge challenge = AuthChallenge.parse(
                "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:team/app:pull,push\"")
                .orElseThrow();
        assertThat(challenge.isBearer()).isTrue();
        BearerChallenge bearer = BearerChallenge.of(challenge, "registry.example.com");
        assertThat(bearer.realm()).hasToString("https://auth.example.com/token");
        assertThat(bearer.service()).contains("registry.example.com");
        assertThat(bearer.scope()).hasToString("repository:team/app:pull,push");
    }

    @Test
    void schemeAndParameterNamesAreCaseInsensitiveAndValuesMayBeUnquotedOrEscaped() {
        AuthChallenge challenge = AuthChallenge.parse("bearer Realm=https://a.example/t, service=\"say \\\"hi\\\"\"").orElseThrow();
        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.parameter("realm")).contains("https://a.example/t");
        assertThat(challenge.parameter("service")).contains("say \"hi\"");
    }

    @Test
    void aBasicChallengeIsRecognised() {
        AuthChallenge challenge = AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow();
        assertThat(challenge.isBasic()).isTrue();
        assertThat(challenge.parameter("realm")).contains("Registry Realm");
    }

    @Test
    void onlyTheFirstOfSeveralChallengesIsRead() {
        AuthChallenge challenge = AuthChallenge.parse("Basic realm=\"a\", Bearer realm=\"b\"").orElseThrow();
        assertThat(challenge.isBasic()).isTrue();
        assertThat(challenge.parameters()).containsOnlyKeys("realm");
    }

    @Test
    void noHeaderIsNoChallenge() {
        assertThat(AuthChallenge.parse(null)).isEmpty();
        assertThat(AuthChallenge.parse("   ")).isEmpty();
    }
}
