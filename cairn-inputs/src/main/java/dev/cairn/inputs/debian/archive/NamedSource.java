package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository as the lock knows it: by name ({@code debian}, {@code debian-security}), never
 * by address. The address comes from the machine's apt sources or the workspace's settings,
 * so the same lock works against any mirror, and a mirror is trusted for nothing.
 */
public record NamedSource(String name, AptSource source) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public NamedSource {
        Objects.requireNonNull(source, "source");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InputsException("'" + name + "' (" + source.origin() + ") is not a repository name",
                    "name repositories with lowercase letters, digits, '.', '_' and '-', e.g. debian-security");
        }
    }

    /**
     * Names apt's entries the way a reader of the lock would: by the last segment of the
     * repository's path ({@code …/debian-security} is {@code debian-security}). Entries with the
     * same URI become one repository with the union of their suites and components; two
     * different URIs that would get the same name are numbered in apt's order
     * ({@code debian}, {@code debian-2}).
     */
    public static List<NamedSource> fromApt(List<AptSource> sources) {
        Map<RepositoryUri, AptSource> byUri = new LinkedHashMap<>();
        for (AptSource source : sources) {
            byUri.merge(source.uri(), source, NamedSource::merge);
        }
        Map<String, Integer> taken = new LinkedHashMap<>();
        List<NamedSource> named = new ArrayList<>();
        for (AptSource source : byUri.values()) {
            String base = baseName(source.uri());
            int count = taken.merge(base, 1, Integer::sum);
            named.add(new NamedSource(count == 1 ? base : base + "-" + count, source));
        }
        return List.copyOf(named);
    }

    /** The repository called {@code name} among {@code sources}. */
    public static Optional<NamedSource> find(List<NamedSource> sources, String name) {
        return sources.stream().filter(source -> source.name().equals(name)).findFirst();
    }

    private static AptSource merge(AptSource first, AptSource second) {
        List<String> suites = new ArrayList<>(new LinkedHashSet<>(concat(first.suites(), second.suites())));
        List<String> components = new ArrayList<>(new LinkedHashSet<>(concat(first.components(), second.components())));
        List<String> architectures = first.architectures().isEmpty() || second.architectures().isEmpty()
                ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(concat(first.architectures(), second.architectures())));
        return new AptSource(first.uri(), suites, components, architectures,
                first.signedBy().or(second::signedBy), first.origin());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String baseName(RepositoryUri uri) {
        String path = uri.uri().getPath() == null ? "" : uri.uri().getPath();
        String last = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "-");
        return last.isEmpty() || !Character.isLetterOrDigit(last.charAt(0)) ? "archive" : last;
    }
}
