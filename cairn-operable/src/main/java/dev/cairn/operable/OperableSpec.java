package dev.cairn.operable;

import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An operable as declared: the service's package, the script that starts it, its configuration
 * options, what it needs at run time (and to debug it), and its probes. Plain data, checked
 * when made; every message names the operable.
 *
 * @param name the operable's name, its target's name (or {@code <name>-live} for an inline
 *     probe); the script is {@code bin/operable-<name>}
 * @param packageReference the service's package, {@code //cell/packages/name}: built first, its
 *     {@code bin} first on {@code PATH}; none for an operable of Debian programs alone
 * @param runtimeScript bash, run after the options are set; it ends by {@code exec}-ing the service
 * @param runtimeEnv the options, in the order the operator reads them
 * @param runtimeInputs what the service needs at run time: Debian packages (at their usual paths),
 *     other packages and store objects (their {@code bin} on {@code PATH}), in order
 * @param debugInputs what a debug image adds: tools to look inside, never part of the runtime closure
 */
public record OperableSpec(
        String name,
        Optional<BuildInput.PackageReference> packageReference,
        String runtimeScript,
        List<EnvVariable> runtimeEnv,
        List<BuildInput> runtimeInputs,
        List<BuildInput> debugInputs,
        Optional<Probe> livenessProbe,
        Optional<Probe> readinessProbe) {
    /** The shell every operable script runs in; its Debian package is part of every runtime closure. */
    public static final String SHELL = "bash";
    /** Set by the script itself, from the runtime inputs. */
    static final Set<String> RESERVED_VARIABLES = Set.of("PATH");

    public OperableSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(packageReference, "packageReference");
        Objects.requireNonNull(runtimeScript, "runtimeScript");
        Objects.requireNonNull(livenessProbe, "livenessProbe");
        Objects.requireNonNull(readinessProbe, "readinessProbe");
        String where = "operable " + name + ": ";
        try {
            StorePath.validateName(scriptName(name));
        } catch (StoreException e) {
            throw new OperableException(where + "its name cannot name a store object: " + e.getMessage(),
                    "an operable's name has lowercase letters, digits and '-', like its target's", e);
        }
        if (runtimeScript.isBlank()) {
            throw new OperableException(where + "the runtime script is blank",
                    "write the commands that start the service, ending with exec, e.g. exec greeter --port \"$PORT\"");
        }
        if (runtimeScript.indexOf('\0') >= 0) {
            throw new OperableException(where + "the runtime script holds a NUL character", "remove it");
        }
        runtimeEnv = List.copyOf(runtimeEnv);
        checkEnv(where, runtimeEnv);
        runtimeInputs = inputs(where, "runtime", runtimeInputs);
        debugInputs = inputs(where, "debug", debugInputs);
    }

    /** The script's file name, {@code operable-<name>}, also its store object's name. */
    public String scriptName() {
        return scriptName(name);
    }

    private static String scriptName(String name) {
        return "operable-" + name;
    }

    /** The probes this operable declares, by kind. */
    public List<Probe> probes() {
        return Stream.of(livenessProbe, readinessProbe).flatMap(Optional::stream).toList();
    }

    /**
     * The Debian packages of the runtime closure as one request, as apt spells them: {@value #SHELL}
     * (unless asked for already, maybe with a version), then the runtime inputs' packages and those
     * of the probes, in order, each once. One request, so one resolution: the packages the
     * service and its probes find at {@code /usr/bin} agree with each other.
     *
     * @param operables the operable at an address, for probes that refer to another one
     */
    public List<String> debianRequest(Function<String, OperableSpec> operables) {
        Set<String> names = new LinkedHashSet<>();
        collect(this, operables, names, new ArrayDeque<>());
        if (names.stream().noneMatch(request -> packageName(request).equals(SHELL))) {
            List<String> withShell = new ArrayList<>(List.of(SHELL));
            withShell.addAll(names);
            return List.copyOf(withShell);
        }
        return List.copyOf(names);
    }

    /**
     * The request of a debug image's Debian packages: the runtime request and the debug inputs'
     * packages together, one root filesystem; empty when the debug inputs ask for no Debian package.
     */
    public List<String> debugDebianRequest(Function<String, OperableSpec> operables) {
        List<String> debug = debianNames(debugInputs);
        if (debug.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>(debianRequest(operables));
        names.addAll(debug);
        return List.copyOf(names);
    }

    private static void collect(OperableSpec spec, Function<String, OperableSpec> operables, Set<String> names,
            Deque<String> probing) {
        names.addAll(debianNames(spec.runtimeInputs()));
        for (Probe probe : spec.probes()) {
            switch (probe) {
                case Probe.Inline inline -> collect(inline.spec(), operables, names, probing);
                case Probe.Reference reference -> {
                    if (probing.contains(reference.address())) {
                        throw cycle(probing, reference.address());
                    }
                    probing.push(reference.address());
                    collect(operables.apply(reference.address()), operables, names, probing);
                    probing.pop();
                }
            }
        }
    }

    static OperableException cycle(Deque<String> probing, String address) {
        List<String> chain = new ArrayList<>(probing.reversed());
        chain.add(address);
        return new OperableException("operables probe each other in a cycle: " + String.join(" → ", chain),
                "a probe cannot be probed by the operable it probes; remove one of the references");
    }

    private static List<String> debianNames(List<BuildInput> inputs) {
        return inputs.stream()
                .filter(BuildInput.DebianPackages.class::isInstance)
                .flatMap(input -> ((BuildInput.DebianPackages) input).request().stream())
                .distinct()
                .toList();
    }

    /** {@code bash} of {@code bash}, {@code bash=5.2}, {@code bash:amd64}. */
    private static String packageName(String request) {
        int end = request.length();
        for (char stop : new char[] {':', '='}) {
            int at = request.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return request.substring(0, end);
    }

    private static void checkEnv(String where, List<EnvVariable> env) {
        Set<String> seen = new HashSet<>();
        for (EnvVariable variable : env) {
            String name = variable.name();
            if (!EnvVariable.NAME.matcher(name).matches()) {
                throw new OperableException(where + "'" + name + "' is not a variable name a shell can set",
                        "a name has letters, digits and '_' and does not start with a digit, e.g. DATABASE_URL");
            }
            if (RESERVED_VARIABLES.contains(name)) {
                throw new OperableException(where + "the script sets " + name + " itself, from the runtime inputs",
                        "leave " + name + " out of runtimeEnv; list what the service runs in runtimeInputs");
            }
            if (!seen.add(name)) {
                throw new OperableException(where + "variable " + name + " is declared twice", "declare it once");
            }
            String value = variable instanceof EnvVariable.WithDefault withDefault ? withDefault.value() : "";
            if (value.indexOf('\0') >= 0 || variable.description().indexOf('\0') >= 0) {
                throw new OperableException(where + "variable " + name + " holds a NUL character",
                        "remove it; an environment variable cannot hold one");
            }
        }
    }

    private static List<BuildInput> inputs(String where, String kind, List<BuildInput> inputs) {
        List<BuildInput> copy = List.copyOf(inputs);
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new OperableException(where + "a " + kind + " input is listed twice", "list each input once");
        }
        return copy;
    }
}
