package dev.cairn.inputs.debian.index;

import dev.cairn.inputs.debian.control.Deb822;
import dev.cairn.inputs.debian.control.Paragraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary packages of one or more Packages indexes, looked up by name and by the virtual
 * names they provide. Every record is kept — the same package in several suites or several
 * versions is several entries — in the order they were added, which is the order the
 * repositories were given in: it breaks ties between identical versions, so it must be fixed
 * by the caller (the lock's repository order), not by a directory listing.
 */
public final class PackageIndex {
    /** A package that provides a name, and the Provides entry that says so (maybe versioned). */
    public record Provision(BinaryPackage provider, Relation provided) {}

    private final List<BinaryPackage> packages;
    private final Map<String, List<BinaryPackage>> byName;
    private final Map<String, List<Provision>> byProvidedName;

    private PackageIndex(List<BinaryPackage> packages) {
        this.packages = List.copyOf(packages);
        Map<String, List<BinaryPackage>> names = new HashMap<>();
        Map<String, List<Provision>> provided = new HashMap<>();
        for (BinaryPackage binary : this.packages) {
            names.computeIfAbsent(binary.name(), name -> new ArrayList<>()).add(binary);
            for (Relation provision : binary.provides().all()) {
                provided.computeIfAbsent(provision.name(), name -> new ArrayList<>())
                        .add(new Provision(binary, provision));
            }
        }
        // Highest version first; List.sort is stable, so equal versions keep their added order.
        Comparator<BinaryPackage> newestFirst = Comparator.comparing(BinaryPackage::version).reversed();
        names.replaceAll((name, list) -> {
            list.sort(newestFirst);
            return List.copyOf(list);
        });
        provided.replaceAll((name, list) -> List.copyOf(list));
        this.byName = Map.copyOf(names);
        this.byProvidedName = Map.copyOf(provided);
    }

    public static PackageIndex of(Collection<BinaryPackage> packages) {
        return new PackageIndex(new ArrayList<>(packages));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every record, in the order added. */
    public List<BinaryPackage> packages() {
        return packages;
    }

    /** The records of a real package of this name: all versions and architectures, newest first. */
    public List<BinaryPackage> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The records that provide this (virtual or real) name, in the order added. */
    public List<Provision> providers(String name) {
        return byProvidedName.getOrDefault(name, List.of());
    }

    public boolean isEmpty() {
        return packages.isEmpty();
    }

    public int size() {
        return packages.size();
    }

    /** Collects records from Packages indexes, one origin at a time. */
    public static final class Builder {
        private final List<BinaryPackage> packages = new ArrayList<>();

        private Builder() {}

        /** Adds the records of a Packages text (already decompressed). */
        public Builder add(Origin origin, String packagesText, String source) {
            return add(origin, Deb822.parse(packagesText, source, false), source);
        }

        /** Adds already-parsed records. */
        public Builder add(Origin origin, List<Paragraph> records, String source) {
            for (Paragraph record : records) {
                packages.add(BinaryPackage.fromParagraph(record, origin, source));
            }
            return this;
        }

        /** Adds a Packages file as apt stores it: plain, {@code .gz}, {@code .xz}, {@code .lz4} or {@code .zst}. */
        public Builder add(Origin origin, Path packagesFile) {
            return add(origin, PackagesFile.read(packagesFile), packagesFile.toString());
        }

        public Builder add(BinaryPackage binary) {
            packages.add(binary);
            return this;
        }

        public PackageIndex build() {
            return new PackageIndex(packages);
        }
    }
}
