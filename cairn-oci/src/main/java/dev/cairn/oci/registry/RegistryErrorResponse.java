package dev.cairn.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.oci.OciJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The error body of the distribution spec, {@code {"errors":[{"code","message","detail"}]}},
 * read leniently: a proxy's HTML page or an empty body gives no errors, and its start is kept
 * as text so the message still says something.
 */
record RegistryErrorResponse(List<Error> errors, String text) {
    private static final int TEXT_LIMIT = 200;

    record Error(String code, String message) {
        @Override
        public String toString() {
            return message.isEmpty() ? code : code + ": " + message;
        }
    }

    RegistryErrorResponse {
        errors = List.copyOf(errors);
    }

    static RegistryErrorResponse parse(byte[] body) {
        List<Error> errors = new ArrayList<>();
        try {
            JsonNode json = OciJson.mapper().readTree(body);
            if (json != null) {
                for (JsonNode error : json.path("errors")) {
                    errors.add(new Error(error.path("code").asText("UNKNOWN"), error.path("message").asText("")));
                }
            }
        } catch (IOException e) {
            // Not JSON: the text below is all there is.
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return new RegistryErrorResponse(errors, text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) + "…" : text);
    }

    boolean has(String code) {
        return errors.stream().anyMatch(error -> error.code().equals(code));
    }

    /** {@code CODE: message; CODE: message}, or the body's text, or empty. */
    String summary() {
        if (!errors.isEmpty()) {
            return String.join("; ", errors.stream().map(Error::toString).toList());
        }
        return text;
    }
}
