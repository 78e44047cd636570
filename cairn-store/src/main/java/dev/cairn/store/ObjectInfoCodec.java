package dev.cairn.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeSet;

/** The on-disk form of {@link ObjectInfo}: the fields {@code nix path-info --json} uses. */
final class ObjectInfoCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ObjectInfoCodec() {}

    static byte[] encode(ObjectInfo info) {
        ObjectNode node = JSON.createObjectNode();
        node.put("path", info.path().toString());
        node.put("narHash", info.narHash().toString());
        node.put("narSize", info.narSize());
        ArrayNode references = node.putArray("references");
        info.references().forEach(reference -> references.add(reference.toString()));
        node.put("ca", info.contentAddress());
        if (info.unsandboxed()) {
            // Written only when true, so the metadata of every other object keeps its bytes.
            node.put("unsandboxed", true);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    static ObjectInfo decode(Path file, byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            TreeSet<StorePath> references = new TreeSet<>();
            node.required("references").forEach(reference -> references.add(StorePath.parse(reference.asText())));
            return new ObjectInfo(
                    StorePath.parse(node.required("path").asText()),
                    NarHash.parse(node.required("narHash").asText()),
                    node.required("narSize").asLong(),
                    references,
                    node.path("unsandboxed").asBoolean(false));
        } catch (IOException | IllegalArgumentException | StoreException e) {
            throw new StoreException("store metadata " + file + " is damaged: " + e.getMessage(),
                    "remove the file and run `cairn gc` to drop the object, then add it again", e);
        }
    }
}
