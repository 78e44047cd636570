package dev.cairn.inputs.debian.resolve;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.index.BinaryPackage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The result of resolving: the chosen packages sorted by name and architecture, every
 * dependency edge between them (sorted), and the choices made along the way. Two resolutions
 * of the same requests over the same index are equal.
 */
public record Resolution(List<Selection> selections, List<Edge> edges, List<Decision> decisions) {
    static final Comparator<BinaryPackage> BY_KEY =
            Comparator.comparing(BinaryPackage::name).thenComparing(BinaryPackage::architecture);

    public Resolution {
        selections = selections.stream().sorted(Comparator.comparing(Selection::binary, BY_KEY)).toList();
        edges = edges.stream()
                .sorted(Comparator.comparing(Edge::from, BY_KEY)
                        .thenComparing(Edge::field)
                        .thenComparing(edge -> edge.entry().toString())
                        .thenComparing(Edge::to, BY_KEY))
                .toList();
        decisions = List.copyOf(decisions);
    }

    /** The chosen packages, sorted by name then architecture. */
    public List<BinaryPackage> packages() {
        return selections.stream().map(Selection::binary).toList();
    }

    /** The chosen package of this name ({@code name} or {@code name:arch}), if any. */
    public Optional<Selection> find(String name) {
        return selections.stream()
                .filter(selection -> selection.binary().name().equals(name)
                        || selection.binary().key().equals(name))
                .findFirst();
    }

    /**
     * The chain of edges from a requested (or Essential) package to this one: empty for a
     * package that was asked for itself.
     */
    public List<Edge> why(String name) {
        Selection selection = find(name).orElseThrow(() -> new InputsException(
                name + " is not in the resolution", "only chosen packages have a reason; check the name"));
        List<Edge> chain = new ArrayList<>();
        while (selection.cause() instanceof Selection.Dependency(Edge edge)) {
            chain.add(edge);
            BinaryPackage from = edge.from();
            selection = selections.stream()
                    .filter(candidate -> candidate.binary().equals(from))
                    .findFirst()
                    .orElseThrow();
        }
        Collections.reverse(chain);
        return List.copyOf(chain);
    }

    /** {@link #why} as one line: {@code openjdk-17-jre-headless → libcups2 → libavahi-client3}. */
    public String explain(String name) {
        Selection target = find(name).orElseThrow(() -> new InputsException(
                name + " is not in the resolution", "only chosen packages have a reason; check the name"));
        List<Edge> chain = why(name);
        if (chain.isEmpty()) {
            return root(target.binary());
        }
        StringBuilder text = new StringBuilder(root(chain.get(0).from()));
        chain.forEach(edge -> text.append(" → ").append(edge.step()));
        return text.toString();
    }

    private String root(BinaryPackage binary) {
        return selections.stream()
                .filter(selection -> selection.binary().equals(binary))
                .map(selection -> selection.cause() instanceof Selection.Essential
                        ? binary.name() + " (Essential)"
                        : selection.cause().toString())
                .findFirst()
                .orElse(binary.name());
    }
}
