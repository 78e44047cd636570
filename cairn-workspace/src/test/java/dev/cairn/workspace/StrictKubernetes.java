package dev.cairn.workspace;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads rendered objects into fabric8's typed Kubernetes model, strictly: an unknown property
 * fails (fabric8's classes would otherwise keep it in {@code additionalProperties}, which this
 * checks is empty everywhere), and writing the typed object back must give the same JSON, so
 * nothing was dropped or reinterpreted.
 */
final class StrictKubernetes {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final Map<String, Class<? extends KubernetesResource>> KINDS = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "apps/v1 StatefulSet", StatefulSet.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 ServiceAccount", ServiceAccount.class);

    private StrictKubernetes() {}

    /** The typed object, or an {@link AssertionError} naming what Kubernetes would not accept. */
    static KubernetesResource read(Map<String, Object> object) {
        String kind = object.get("apiVersion") + " " + object.get("kind");
        Class<? extends KubernetesResource> type = KINDS.get(kind);
        if (type == null) {
            throw new AssertionError("not a kind a chart renders: " + kind);
        }
        JsonNode rendered = tree(object);
        KubernetesResource typed;
        try {
            typed = JSON.treeToValue(rendered, type);
        } catch (Exception e) {
            throw new AssertionError(kind + " does not deserialise strictly: " + e.getMessage(), e);
        }
        noAdditionalProperties(typed, kind, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        JsonNode back = tree(typed);
        if (!back.equals(rendered)) {
            throw new AssertionError(kind + " changes on its way through the typed model:\n rendered " + rendered
                    + "\n typed    " + back);
        }
        return typed;
    }

    /** As JSON text reads back: numbers as the parser types them, whatever Java type they were. */
    private static JsonNode tree(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void noAdditionalProperties(Object value, String where, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                noAdditionalProperties(element, where + "[" + i++ + "]", seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> noAdditionalProperties(element, where + "." + key, seen));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    throw new AssertionError(where + " (" + value.getClass().getSimpleName()
                            + ") has properties Kubernetes does not know: " + extra.keySet());
                }
            } else {
                noAdditionalProperties(property, where + "." + getter.getName().substring(3), seen);
            }
        }
    }
}
