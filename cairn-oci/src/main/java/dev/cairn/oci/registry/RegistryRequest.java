package dev.cairn.oci.registry;

import java.net.URI;
import java.util.Map;

/** One request to a registry: what to send, and the access it needs should the registry ask. */
record RegistryRequest(String registry, String method, URI uri, Map<String, String> headers, RequestBody body,
                       Scope scope) {
    RegistryRequest {
        headers = Map.copyOf(headers);
    }

    static RegistryRequest of(String registry, String method, URI uri, Scope scope) {
        return new RegistryRequest(registry, method, uri, Map.of(), RequestBody.EMPTY, scope);
    }

    RegistryRequest withHeader(String name, String value) {
        java.util.HashMap<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new RegistryRequest(registry, method, uri, more, body, scope);
    }

    RegistryRequest withBody(RequestBody newBody, String contentType) {
        return new RegistryRequest(registry, method, uri, headers, newBody, scope).withHeader("Content-Type", contentType);
    }
}
