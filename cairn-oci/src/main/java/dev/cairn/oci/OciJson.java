package dev.cairn.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The one JSON form of every OCI document cairn writes: compact, keys sorted, empty fields
 * left out. The bytes are hashed, so this must never vary for the same value.
 */
public final class OciJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private OciJson() {}

    public static byte[] bytes(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("OCI documents are plain data and always serialise", e);
        }
    }

    public static <T> T read(byte[] bytes, Class<T> type, String what) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new OciException(what + " is not valid " + type.getSimpleName() + " JSON: " + e.getMessage(),
                    "the content is damaged or not an OCI document", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
