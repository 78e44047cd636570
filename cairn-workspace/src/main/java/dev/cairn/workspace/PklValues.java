package dev.cairn.workspace;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pkl.core.Composite;
import org.pkl.core.PClassInfo;
import org.pkl.core.PNull;

/**
 * Reading the properties of an evaluated block. Pkl has checked their types against the
 * schema, so the casts hold; a {@code null} property comes back as {@code null}.
 */
final class PklValues {
    /** The library module of Debian package declarations. */
    static final URI DEBIAN_MODULE = URI.create("cairn:debian");

    private PklValues() {}

    /** Whether {@code object} is an instance of the class {@code simpleName} of {@code module}. */
    static boolean isA(Composite object, URI module, String simpleName) {
        PClassInfo<?> type = object.getClassInfo();
        return type.getModuleUri().equals(module) && type.getSimpleName().equals(simpleName);
    }

    /** Whether {@code object} is a {@code debian.Packages}. */
    static boolean isDebianPackages(Composite object) {
        return isA(object, DEBIAN_MODULE, "Packages");
    }

    static Object value(Composite object, String property) {
        Object value = object.get(property);
        return value instanceof PNull ? null : value;
    }

    static String string(Composite object, String property) {
        return (String) value(object, property);
    }

    static List<?> list(Composite object, String property) {
        return (List<?>) value(object, property);
    }

    static List<String> strings(Composite object, String property) {
        return list(object, property).stream().map(String.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Composite object, String property) {
        return (Map<String, Object>) value(object, property);
    }

    /** A {@code Mapping<String, String>}, in the order written. */
    static Map<String, String> stringMap(Composite object, String property) {
        Map<String, String> result = new LinkedHashMap<>();
        map(object, property).forEach((key, value) -> result.put(key, (String) value));
        return result;
    }
}
