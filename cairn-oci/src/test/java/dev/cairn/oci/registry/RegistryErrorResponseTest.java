package dev.cairn.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryErrorResponseTest {
    @Test
    void theSpecsErrorsAreSummarisedByCodeAndMessage() {
        RegistryErrorResponse error = RegistryErrorResponse.parse("""
                {"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry","detail":"sha256:abc"},
                           {"code":"DENIED","message":""}]}""".getBytes(StandardCharsets.UTF_8));
        assertThat(error.summary()).isEqualTo("BLOB_UNKNOWN: blob unknown to registry; DENIED");
        assertThat(error.has("DENIED")).isTrue();
        assertThat(error.has("NAME_UNKNOWN")).isFalse();
    }

    @Test
    void aBodyThatIsNotTheSpecsJsonIsQuotedShortened() {
        String page = "<html>" + "x".repeat(500) + "</html>";
        RegistryErrorResponse error = RegistryErrorResponse.parse(page.getBytes(StandardCharsets.UTF_8));
        assertThat(error.errors()).isEmpty();
        assertThat(error.summary()).startsWith("<html>xxx").endsWith("…").hasSize(201);
    }

    @Test
    void anEmptyBodySaysNothing() {
        assertThat(RegistryErrorResponse.parse(new byte[0]).summary()).isEmpty();
    }
}
