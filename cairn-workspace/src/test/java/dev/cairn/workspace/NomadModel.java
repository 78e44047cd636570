package dev.cairn.workspace;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hashicorp.nomad.apimodel.Job;
import com.hashicorp.nomad.javasdk.ApiObject;
import java.io.IOException;
import java.util.List;

/**
 * Reads a rendered job into the typed model of HashiCorp's Nomad Java SDK, strictly: the SDK's
 * objects keep unknown properties aside (a {@code @JsonAnySetter}), which a mix-in turns off, so
 * a field Nomad's job specification does not have fails the read, naming it.
 */
final class NomadModel {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addMixIn(ApiObject.class, NoUnmappedProperties.class)
            .build();

    private NomadModel() {}

    abstract static class NoUnmappedProperties {
        @JsonAnySetter(enabled = false)
        abstract void addUnmappedProperty(String name, Object value);
    }

    /** The job of {@code {"Job": {…}}}, as {@code nomad job run -json} reads it. */
    static Job read(String json) throws IOException {
        JsonNode spec = STRICT.readTree(json);
        List<String> keys = new java.util.ArrayList<>();
        spec.fieldNames().forEachRemaining(keys::add);
        if (!keys.equals(List.of("Job"))) {
            throw new IOException("a job specification is {\"Job\": {…}}, not " + keys);
        }
        return STRICT.treeToValue(spec.get("Job"), Job.class);
    }
}
