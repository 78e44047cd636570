package dev.cairn.inputs.debian.pin;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.control.Deb822;
import dev.cairn.inputs.debian.control.Paragraph;
import dev.cairn.inputs.debian.index.Relation;
import dev.cairn.inputs.debian.index.RelationField;
import dev.cairn.inputs.debian.index.Relations;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A locked closure in the store: each package's objects, in lock order, and the object
 * holding what their maintainer scripts would have written (users, alternatives links, CA
 * bundle, cacerts, dpkg status), to be laid over them.
 */
public record RealizedPackages(List<RealizedPackage> packages, StorePath rootfsConfig) {
    public RealizedPackages {
        packages = List.copyOf(packages);
    }

    /**
     * For each package, how many others of this closure name it in their {@code Pre-Depends} or
     * {@code Depends} (any alternative, or a {@code Provides} of it, counts): how depended-on it is,
     * which an image uses to decide which packages keep layers of their own.
     */
    public Map<RealizedPackage, Integer> dependents(Store store) {
        Map<String, RealizedPackage> byName = new LinkedHashMap<>();
        packages.forEach(p -> byName.put(p.locked().name(), p));
        Map<String, Set<String>> provided = new LinkedHashMap<>();
        Map<RealizedPackage, Paragraph> controls = new LinkedHashMap<>();
        for (RealizedPackage p : packages) {
            Paragraph control = control(store, p);
            controls.put(p, control);
            for (Relation provides : Relations.parse(control.get("Provides").orElse(""), RelationField.PROVIDES).all()) {
                provided.computeIfAbsent(provides.name(), name -> new HashSet<>()).add(p.locked().name());
            }
        }
        Map<RealizedPackage, Integer> counts = new LinkedHashMap<>();
        packages.forEach(p -> counts.put(p, 0));
        controls.forEach((p, control) -> {
            Set<String> named = new HashSet<>();
            for (RelationField field : List.of(RelationField.PRE_DEPENDS, RelationField.DEPENDS)) {
                for (Relation relation : Relations.parse(control.get(field.fieldName()).orElse(""), field).all()) {
                    named.add(relation.name());
                    named.addAll(provided.getOrDefault(relation.name(), Set.of()));
                }
            }
            named.remove(p.locked().name());
            named.stream().map(byName::get).filter(Objects::nonNull).forEach(q -> counts.merge(q, 1, Integer::sum));
        });
        return counts;
    }

    private static Paragraph control(Store store, RealizedPackage p) {
        Path file = store.physicalPath(p.control()).resolve("control");
        try {
            return Deb822.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), false).getFirst();
        } catch (IOException e) {
            throw new InputsException("cannot read " + file + ": " + e, "run `cairn store verify`; then build again", e);
        }
    }
}
