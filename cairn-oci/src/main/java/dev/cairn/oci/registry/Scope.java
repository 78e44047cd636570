package dev.cairn.oci.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The access a request needs, in the token scope grammar {@code repository:NAME:pull,push}.
 * Kept sorted, so that the same access always reads the same way: registries list scopes in
 * no fixed order, and tokens are cached by this text.
 */
record Scope(Map<String, SortedSet<String>> resources) {
    static final Scope NONE = new Scope(Map.of());

    Scope {
        TreeMap<String, SortedSet<String>> sorted = new TreeMap<>();
        resources.forEach((resource, actions) -> sorted.put(resource, Collections.unmodifiableSortedSet(new TreeSet<>(actions))));
        resources = Collections.unmodifiableMap(sorted);
    }

    static Scope pull(Repository repository) {
        return repositoryScope(repository.name(), "pull");
    }

    static Scope push(Repository repository) {
        return repositoryScope(repository.name(), "pull", "push");
    }

    private static Scope repositoryScope(String name, String... actions) {
        return new Scope(Map.of("repository:" + name, new TreeSet<>(List.of(actions))));
    }

    /** Parses a challenge's {@code scope} parameter: scopes separated by spaces. */
    static Scope parse(String scopeParameter) {
        TreeMap<String, SortedSet<String>> resources = new TreeMap<>();
        for (String scope : scopeParameter.trim().split("\\s+")) {
            int lastColon = scope.lastIndexOf(':');
            if (scope.isEmpty() || lastColon <= 0) {
                continue;
            }
            SortedSet<String> actions = resources.computeIfAbsent(scope.substring(0, lastColon), r -> new TreeSet<>());
            for (String action : scope.substring(lastColon + 1).split(",")) {
                if (!action.isEmpty()) {
                    actions.add(action);
                }
            }
        }
        return new Scope(resources);
    }

    Scope and(Scope other) {
        TreeMap<String, SortedSet<String>> union = new TreeMap<>();
        for (Scope scope : List.of(this, other)) {
            scope.resources.forEach((resource, actions) ->
                    union.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(actions));
        }
        return new Scope(union);
    }

    boolean isEmpty() {
        return resources.isEmpty();
    }

    /** One {@code scope} query parameter per resource, as token services expect. */
    List<String> parameters() {
        List<String> parameters = new ArrayList<>();
        resources.forEach((resource, actions) -> parameters.add(resource + ":" + String.join(",", actions)));
        return parameters;
    }

    @Override
    public String toString() {
        return String.join(" ", parameters());
    }
}
