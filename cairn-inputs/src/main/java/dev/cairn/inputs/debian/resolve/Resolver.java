package dev.cairn.inputs.debian.resolve;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.index.Alternatives;
import dev.cairn.inputs.debian.index.BinaryPackage;
import dev.cairn.inputs.debian.index.DebianVersion;
import dev.cairn.inputs.debian.index.MultiArch;
import dev.cairn.inputs.debian.index.PackageIndex;
import dev.cairn.inputs.debian.index.PackageIndex.Provision;
import dev.cairn.inputs.debian.index.Priority;
import dev.cairn.inputs.debian.index.Relation;
import dev.cairn.inputs.debian.index.RelationField;
import dev.cairn.inputs.debian.index.VersionConstraint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Computes the packages an image needs: the closure of the requested packages over
 * {@code Pre-Depends} and {@code Depends} (never Recommends or Suggests), one version per
 * package and architecture.
 *
 * <p>The search is greedy and depth first, like apt's, so every choice can be explained by
 * one of a few rules and never depends on anything but the requests and the index:
 * <ol>
 *   <li>Requests are taken in sorted order, so the order a user lists them in does not matter.
 *   <li>An entry already satisfied by a chosen package (by name or by Provides) adds nothing.
 *   <li>Otherwise the first possibility of the entry that can be installed is taken; passing
 *       over an earlier one is recorded as a {@link Decision}.
 *   <li>For a real package, the highest version that satisfies the relation, of the target
 *       architecture (or {@code all}) before a foreign one; equal versions from several
 *       suites: the one added to the index first.
 *   <li>For a name only provided by other packages, the provider apt would prefer — Essential
 *       first, then the target architecture, then the higher Priority — and among equals the
 *       smallest name (apt falls back on its cache order, which is not stable). A choice among
 *       several providers is recorded as a {@link Decision}.
 * </ol>
 * A candidate is refused when its name is already chosen at another version, or when it and a
 * chosen package conflict (Conflicts or Breaks, either way round: in an image every package is
 * unpacked at once, so a Breaks is as fatal as a Conflicts). The resolver does not backtrack:
 * when a later entry cannot be satisfied because of an earlier choice, it fails and says which
 * chain led where, and the user settles it by asking for a package or version explicitly.
 *
 * <p>Architectures follow dpkg (deparchsatisfied): an unqualified relation wants the depending
 * package's architecture ({@code all} counting as the target), or any package of
 * {@code Multi-Arch: foreign}; {@code name:any} wants {@code Multi-Arch: allowed}; Conflicts
 * and Breaks apply to every architecture.
 *
 * <p>Essential packages are not added unless asked for: see {@link ResolveOptions}.
 */
public final class Resolver {
    private static final List<RelationField> FOLLOWED = List.of(RelationField.PRE_DEPENDS, RelationField.DEPENDS);

    private final PackageIndex index;
    private final String architecture;
    private final Map<String, Selection> chosen = new LinkedHashMap<>();
    private final Map<String, List<BinaryPackage>> chosenByName = new HashMap<>();
    private final Map<String, List<Provision>> chosenProvisions = new HashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    // Which of several providers of a name to take: apt's CompareProviders (Essential, native
    // architecture, Priority) with the smallest name, not apt's cache order, as the last word.
    private final Comparator<BinaryPackage> providerPreference = Comparator
            .comparing((BinaryPackage binary) -> !binary.essential())
            .thenComparing(binary -> !isNative(binary.architecture()))
            .thenComparing(binary -> binary.priority().orElse(Priority.EXTRA))
            .thenComparing(BinaryPackage::name)
            .thenComparing(BinaryPackage::version, Comparator.reverseOrder());

    private Resolver(PackageIndex index, String architecture) {
        this.index = index;
        this.architecture = architecture;
    }

    public static Resolution resolve(List<Request> requests, PackageIndex index, ResolveOptions options) {
        return new Resolver(index, options.architecture()).run(requests, options.includeEssential());
    }

    private Resolution run(List<Request> requests, boolean includeEssential) {
        List<BinaryPackage> roots = new ArrayList<>();
        List<Request> sorted = requests.stream().distinct().sorted(Comparator.comparing(Request::toString)).toList();
        for (Request request : sorted) {
            satisfy(new Need(null, RelationField.DEPENDS, Alternatives.of(request.relation()),
                    new Selection.Requested(request))).ifPresent(roots::add);
        }
        if (includeEssential) {
            List<String> essential = index.packages().stream()
                    .filter(BinaryPackage::essential)
                    .filter(binary -> isNative(binary.architecture()))
                    .map(BinaryPackage::name)
                    .distinct()
                    .sorted()
                    .toList();
            for (String name : essential) {
                satisfy(new Need(null, RelationField.DEPENDS, Alternatives.of(Relation.on(name, Optional.empty())),
                        new Selection.Essential())).ifPresent(roots::add);
            }
        }
        for (BinaryPackage root : roots) {
            walk(root);
        }
        return new Resolution(List.copyOf(chosen.values()), edges, decisions);
    }

    /**
     * Depth first, as apt's MarkInstall: a newly chosen package's own dependencies are all
     * satisfied before the next entry of the package that pulled it in is looked at. The order
     * matters — what a subtree brings in (a provider, a chosen alternative) satisfies later
     * entries — and depth first is what makes cairn choose what apt chooses. A stack of
     * iterators instead of recursion, because dependency chains can be long.
     */
    private void walk(BinaryPackage root) {
        Deque<Iterator<Need>> stack = new ArrayDeque<>();
        stack.push(needs(root));
        while (!stack.isEmpty()) {
            Iterator<Need> next = stack.peek();
            if (!next.hasNext()) {
                stack.pop();
                continue;
            }
            satisfy(next.next()).ifPresent(chosenNow -> stack.push(needs(chosenNow)));
        }
    }

    /** A package's entries to satisfy: Pre-Depends, then Depends, each in the order written. */
    private static Iterator<Need> needs(BinaryPackage binary) {
        return FOLLOWED.stream()
                .flatMap(field -> binary.relations(field).entries().stream()
                        .map(entry -> new Need(binary, field, entry, null)))
                .iterator();
    }

    /**
     * One entry to satisfy: of a chosen package's field ({@code from} set), or a root (a request
     * or an Essential package, {@code rootCause} set).
     */
    private record Need(BinaryPackage from, RelationField field, Alternatives entry, Selection.Cause rootCause) {
        String question() {
            return from == null ? "request " + entry : from.name() + " " + field + " " + entry;
        }
    }

    /** Satisfies one entry; returns the package chosen for it, if a new one was. */
    private Optional<BinaryPackage> satisfy(Need need) {
        List<Relation> options = need.entry().applicableTo(architecture);
        if (options.isEmpty()) {
            return Optional.empty(); // every possibility is restricted to other architectures
        }
        String dependerArchitecture = need.from() == null ? architecture : need.from().architecture();
        for (Relation option : options) {
            Optional<BinaryPackage> have = chosenSatisfying(option, dependerArchitecture);
            if (have.isPresent()) {
                link(need, option, have.get());
                return Optional.empty();
            }
        }
        Map<Relation, String> passedOver = new LinkedHashMap<>();
        for (Relation option : options) {
            Optional<BinaryPackage> pick = pick(option, need, dependerArchitecture);
            if (pick.isPresent()) {
                if (!passedOver.isEmpty()) {
                    decisions.add(new Decision(need.question(), pick.get().key(),
                            "the first possibility that can be installed; passed over " + describe(passedOver)));
                }
                choose(need, option, pick.get());
                return pick;
            }
            passedOver.put(option, whyNothingFits(option, dependerArchitecture));
        }
        throw unsatisfiable(need, passedOver);
    }

    private Optional<BinaryPackage> chosenSatisfying(Relation option, String dependerArchitecture) {
        for (BinaryPackage binary : chosenByName.getOrDefault(option.name(), List.of())) {
            if (archSatisfied(binary, option, dependerArchitecture) && versionSatisfied(binary.version(), option)) {
                return Optional.of(binary);
            }
        }
        for (Provision provision : chosenProvisions.getOrDefault(option.name(), List.of())) {
            if (archSatisfied(provision.provider(), option, dependerArchitecture)
                    && provides(provision.provided(), option)) {
                return Optional.of(provision.provider());
            }
        }
        return Optional.empty();
    }

    /** The best installable candidate for one possibility: a real package first, else a provider. */
    private Optional<BinaryPackage> pick(Relation option, Need need, String dependerArchitecture) {
        List<BinaryPackage> fitting = index.named(option.name()).stream()
                .filter(binary -> archSatisfied(binary, option, dependerArchitecture))
                .filter(binary -> versionSatisfied(binary.version(), option))
                // a stable sort: within each group, newest first as the index lists them
                .sorted(Comparator.comparing((BinaryPackage binary) -> !isNative(binary.architecture())))
                .toList();
        Map<String, String> passedOver = new LinkedHashMap<>();
        for (BinaryPackage binary : fitting) {
            Optional<String> obstacle = obstacle(binary);
            if (obstacle.isEmpty()) {
                if (!passedOver.isEmpty()) {
                    decisions.add(new Decision(need.question(), binary.key() + " " + binary.version(),
                            "the newest version that can be installed; passed over "
                                    + String.join("; ", passedOver.values())));
                }
                return Optional.of(binary);
            }
            passedOver.putIfAbsent(binary.version().toString(), obstacle.get());
        }
        List<BinaryPackage> providers = index.providers(option.name()).stream()
                .filter(provision -> archSatisfied(provision.provider(), option, dependerArchitecture))
                .filter(provision -> provides(provision.provided(), option))
                .map(Provision::provider)
                .filter(binary -> obstacle(binary).isEmpty())
                .sorted(providerPreference)
                .toList();
        if (providers.isEmpty()) {
            return Optional.empty();
        }
        BinaryPackage best = providers.get(0);
        List<String> names = providers.stream().map(BinaryPackage::name).distinct().toList();
        if (names.size() > 1 && need.rootCause() instanceof Selection.Requested) {
            // as apt does: a user who names a virtual package says what, not which
            throw new InputsException(option.name() + " is a virtual package provided by " + String.join(", ", names),
                    "ask for one of them by name");
        }
        if (names.size() == 1 && need.rootCause() instanceof Selection.Requested) {
            decisions.add(new Decision(need.question(), best.key(), option.name() + " is a virtual package and "
                    + best.name() + " its only provider"));
        }
        if (names.size() > 1) {
            decisions.add(new Decision(need.question(), best.key(),
                    option.name() + " is provided by " + String.join(", ", names)
                            + "; preferred Essential, then " + architecture + ", then higher Priority, then the"
                            + " smallest name"));
        }
        return Optional.of(best);
    }

    private void choose(Need need, Relation option, BinaryPackage binary) {
        Selection.Cause cause = need.rootCause();
        if (need.from() != null) {
            Edge edge = new Edge(need.from(), need.field(), need.entry(), option, binary);
            edges.add(edge);
            cause = new Selection.Dependency(edge);
        }
        chosen.put(binary.key(), new Selection(binary, cause));
        chosenByName.computeIfAbsent(binary.name(), name -> new ArrayList<>()).add(binary);
        for (Relation provided : binary.provides().all()) {
            chosenProvisions.computeIfAbsent(provided.name(), name -> new ArrayList<>())
                    .add(new Provision(binary, provided));
        }
    }

    private void link(Need need, Relation option, BinaryPackage binary) {
        if (need.from() != null) {
            edges.add(new Edge(need.from(), need.field(), need.entry(), option, binary));
        }
    }

    /** Why a candidate cannot join the chosen set, naming it; empty when it can. */
    private Optional<String> obstacle(BinaryPackage candidate) {
        String it = candidate.name() + " " + candidate.version();
        Selection same = chosen.get(candidate.key());
        if (same != null) {
            return Optional.of(candidate.name() + " " + same.binary().version() + " is already chosen ("
                    + chain(same.binary()) + "), and " + candidate.version() + " would replace it");
        }
        for (BinaryPackage other : chosenByName.getOrDefault(candidate.name(), List.of())) {
            if (candidate.multiArch() != MultiArch.SAME || other.multiArch() != MultiArch.SAME) {
                return Optional.of(other.key() + " " + other.version() + " is already chosen (" + chain(other)
                        + "), and only Multi-Arch: same packages are installed for two architectures");
            }
        }
        for (Selection selection : chosen.values()) {
            BinaryPackage other = selection.binary();
            Optional<String> declared = conflict(candidate, other);
            if (declared.isPresent()) {
                return Optional.of(it + " has " + declared.get() + ", and " + other.name() + " " + other.version()
                        + " is chosen (" + chain(other) + ")");
            }
            Optional<String> suffered = conflict(other, candidate);
            if (suffered.isPresent()) {
                return Optional.of(other.name() + " " + other.version() + " (" + chain(other) + ") has "
                        + suffered.get());
            }
        }
        return Optional.empty();
    }

    /** Which of {@code declarer}'s Conflicts or Breaks hits {@code target}, e.g. {@code Breaks: fuse}. */
    private Optional<String> conflict(BinaryPackage declarer, BinaryPackage target) {
        if (declarer.name().equals(target.name())) {
            return Optional.empty(); // a package never conflicts with itself, e.g. Provides+Conflicts: mta
        }
        for (RelationField field : List.of(RelationField.CONFLICTS, RelationField.BREAKS)) {
            for (Relation relation : declarer.relations(field).all()) {
                if (relation.appliesTo(architecture) && negativeArchSatisfied(target, relation)
                        && (relation.name().equals(target.name()) && versionSatisfied(target.version(), relation)
                                || target.provides().all().stream().anyMatch(provided ->
                                        provided.name().equals(relation.name()) && provides(provided, relation)))) {
                    return Optional.of(field + ": " + relation);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * dpkg's deparchsatisfied for positive relations: an unqualified relation is satisfied by
     * the depending package's architecture or by Multi-Arch: foreign; {@code :any} only by
     * Multi-Arch: allowed; {@code :native} and {@code :<arch>} by that architecture.
     * {@code Architecture: all} counts as the target architecture on both sides.
     */
    private boolean archSatisfied(BinaryPackage candidate, Relation relation, String dependerArchitecture) {
        if (relation.qualifier().isEmpty() && candidate.multiArch() == MultiArch.FOREIGN) {
            return true;
        }
        if (relation.isAnyArchitecture()) {
            return candidate.multiArch() == MultiArch.ALLOWED;
        }
        String wanted = relation.qualifier()
                .map(qualifier -> qualifier.equals("native") ? architecture : qualifier)
                .orElse(dependerArchitecture);
        return nativeName(wanted).equals(nativeName(candidate.architecture()));
    }

    /** Conflicts and Breaks: unqualified or {@code :any} hit every architecture. */
    private boolean negativeArchSatisfied(BinaryPackage target, Relation relation) {
        return relation.qualifier().isEmpty() || relation.isAnyArchitecture()
                || nativeName(relation.qualifier().get().equals("native") ? architecture : relation.qualifier().get())
                        .equals(nativeName(target.architecture()));
    }

    private static boolean versionSatisfied(DebianVersion version, Relation relation) {
        return relation.version().map(constraint -> constraint.satisfiedBy(version)).orElse(true);
    }

    /**
     * Whether a Provides entry satisfies a relation on its name: always when the relation is
     * unversioned; when it is versioned, only a versioned Provides can (Policy 7.5).
     */
    private static boolean provides(Relation provided, Relation wanted) {
        if (wanted.version().isEmpty()) {
            return true;
        }
        return provided.version().map(VersionConstraint::version)
                .map(version -> wanted.version().get().satisfiedBy(version))
                .orElse(false);
    }

    private boolean isNative(String packageArchitecture) {
        return packageArchitecture.equals(architecture) || packageArchitecture.equals("all");
    }

    private String nativeName(String packageArchitecture) {
        return packageArchitecture.equals("all") ? architecture : packageArchitecture;
    }

    /** Why no package can be had for one possibility, for the error message. */
    private String whyNothingFits(Relation option, String dependerArchitecture) {
        List<BinaryPackage> named = index.named(option.name());
        List<Provision> providing = index.providers(option.name());
        List<BinaryPackage> forArch = named.stream()
                .filter(binary -> archSatisfied(binary, option, dependerArchitecture))
                .toList();
        List<Provision> providingForArch = providing.stream()
                .filter(provision -> archSatisfied(provision.provider(), option, dependerArchitecture))
                .toList();
        if (forArch.isEmpty() && providingForArch.isEmpty()) {
            if (named.isEmpty() && providing.isEmpty()) {
                return "no package is named " + option.name() + " or provides it";
            }
            String architectures = named.stream().map(BinaryPackage::architecture).distinct().sorted()
                    .collect(Collectors.joining(", "));
            return "nothing satisfies " + option + " for " + nativeName(dependerArchitecture)
                    + (option.isAnyArchitecture() ? " (:any needs a package of Multi-Arch: allowed)" : "")
                    + (architectures.isEmpty() ? "" : "; " + option.name() + " exists for " + architectures);
        }
        List<BinaryPackage> fitting = forArch.stream()
                .filter(binary -> versionSatisfied(binary.version(), option))
                .toList();
        List<BinaryPackage> fittingProviders = providingForArch.stream()
                .filter(provision -> provides(provision.provided(), option))
                .map(Provision::provider)
                .toList();
        if (fitting.isEmpty() && fittingProviders.isEmpty()) {
            String available = forArch.stream().map(BinaryPackage::version).distinct().sorted()
                    .map(DebianVersion::toString).collect(Collectors.joining(", "));
            String provided = providingForArch.stream()
                    .map(provision -> provision.provider().name() + " provides " + provision.provided())
                    .distinct().collect(Collectors.joining(", "));
            return "no version of " + option.name() + " satisfies " + option.version().orElseThrow()
                    + (available.isEmpty() ? "" : "; available: " + available)
                    + (provided.isEmpty() ? "" : "; " + provided);
        }
        return Stream.concat(fitting.stream(), fittingProviders.stream())
                .map(this::obstacle)
                .flatMap(Optional::stream)
                .distinct()
                .collect(Collectors.joining("; "));
    }

    private InputsException unsatisfiable(Need need, Map<Relation, String> refusals) {
        String message;
        if (need.from() == null) {
            message = root(need) + ": " + refusals.values().iterator().next();
        } else if (refusals.size() == 1) {
            Map.Entry<Relation, String> only = refusals.entrySet().iterator().next();
            message = chain(need.from()) + " → " + only.getKey().name() + ": " + only.getValue();
        } else {
            message = chain(need.from()) + " → " + need.entry() + ": no possibility can be installed: "
                    + describe(refusals);
        }
        return new InputsException(message, "ask for a package or version that fits explicitly (name=version), or"
                + " add the suite that has it (e.g. bookworm-updates, bookworm-security) to the repositories");
    }

    private static String describe(Map<Relation, String> refusals) {
        return refusals.entrySet().stream()
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining("; "));
    }

    /** A request as the user wrote it, or an Essential package's name. */
    private static String root(Need need) {
        return need.rootCause() instanceof Selection.Essential
                ? need.entry() + " (Essential)"
                : need.rootCause().toString();
    }

    /** How a chosen package was reached: {@code a → b (>= 2) → c}. */
    private String chain(BinaryPackage binary) {
        List<String> steps = new ArrayList<>();
        Selection selection = chosen.get(binary.key());
        while (selection != null && selection.cause() instanceof Selection.Dependency(Edge edge)) {
            steps.add(0, edge.step());
            selection = chosen.get(edge.from().key());
        }
        if (selection != null) {
            steps.add(0, selection.cause() instanceof Selection.Essential
                    ? selection.binary().name() + " (Essential)"
                    : selection.cause().toString());
        }
        return String.join(" → ", steps);
    }
}
