package dev.cairn.cli;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import dev.cairn.inputs.debian.pin.RequestSet;
import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.packaging.spec.PackageSpec;
import dev.cairn.operable.OperableSpec;
import dev.cairn.workspace.ChartTarget;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.OperableTarget;
import dev.cairn.workspace.WorkspaceException;
import java.util.HashMap;
import java.util.function.Function;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Debian package sets a workspace's targets ask for: what {@code cairn.lock} must answer. */
final class DebianRequests {
    /**
     * The Debian architecture packages are built for. A package spec carries no architecture
     * yet: builds run on amd64 until cairn-packaging says otherwise.
     */
    static final String PACKAGE_ARCHITECTURE = "amd64";

    private DebianRequests() {}

    static List<RequestSet> of(List<Target> targets) {
        Map<String, OperableSpec> operables = new HashMap<>();
        for (Target target : targets) {
            if (target instanceof OperableTarget operable) {
                operables.put(operable.address().toString(), operable.spec());
            }
        }
        Function<String, OperableSpec> resolve = address -> {
            OperableSpec spec = operables.get(address);
            if (spec == null) {
                throw new WorkspaceException("no operable " + address + " in the workspace, which a probe refers to",
                        "`cairn list` shows every target");
            }
            return spec;
        };
        Map<String, RequestSet> sets = new LinkedHashMap<>();
        for (Target target : targets) {
            for (RequestSet set : of(target, resolve)) {
                String key = set.architecture() + " " + set.request();
                RequestSet known = sets.get(key);
                if (known == null) {
                    sets.put(key, set);
                } else {
                    List<String> wantedBy = new ArrayList<>(known.wantedBy());
                    wantedBy.addAll(set.wantedBy());
                    sets.put(key, new RequestSet(set.architecture(), set.request(), wantedBy));
                }
            }
        }
        return List.copyOf(sets.values());
    }

    /** The sets of a target that is not an operable probing another one: see {@link #of(Target, Function)}. */
    static List<RequestSet> of(Target target) {
        return of(target, address -> {
            throw new IllegalArgumentException("the sets of " + target.address() + " need the operable " + address);
        });
    }

    /**
     * An image's {@code debian.Packages} entries, each a set for the image's architecture; a
     * package's tools (its JDK and Maven, its Node.js and npm) as one set, then each of its
     * Debian inputs, for {@link #PACKAGE_ARCHITECTURE}; an operable's runtime packages (those of
     * its probes and bash included) as one set, and with its debug inputs' as another.
     *
     * @param operables the operable at an address, for probes referring to one
     */
    static List<RequestSet> of(Target target, Function<String, OperableSpec> operables) {
        List<String> wantedBy = List.of(target.address().toString());
        List<RequestSet> sets = new ArrayList<>();
        switch (target) {
            case ImageTarget image -> {
                for (Content content : image.image().contents()) {
                    if (content.source() instanceof ContentSource.DebianPackages packages) {
                        sets.add(new RequestSet(image.image().architecture(), packages.request(), wantedBy));
                    }
                }
                // A standard image's packages are its operable's: the debug request for the debug variant.
                if (image.image().operable() != null) {
                    OperableSpec operable = operables.apply(image.image().operable());
                    List<String> debug = operable.debugDebianRequest(operables);
                    List<String> request = image.image().debug() && !debug.isEmpty() ? debug : operable.debianRequest(operables);
                    sets.add(new RequestSet(PACKAGE_ARCHITECTURE, request, wantedBy));
                }
            }
            case OperableTarget operable -> {
                sets.add(new RequestSet(PACKAGE_ARCHITECTURE, operable.spec().debianRequest(operables), wantedBy));
                List<String> debug = operable.spec().debugDebianRequest(operables);
                if (!debug.isEmpty()) {
                    sets.add(new RequestSet(PACKAGE_ARCHITECTURE, debug, wantedBy));
                }
            }
            case ChartTarget chart -> {
                // a chart asks for no Debian package: its image does
            }
            case PackageTarget pkg -> {
                PackageSpec spec = pkg.spec();
                if (!spec.tools().isEmpty()) {
                    sets.add(new RequestSet(PACKAGE_ARCHITECTURE, spec.tools(), wantedBy));
                }
                for (BuildInput input : spec.inputs()) {
                    if (input instanceof BuildInput.DebianPackages packages) {
                        sets.add(new RequestSet(PACKAGE_ARCHITECTURE, packages.request(), wantedBy));
                    }
                }
            }
        }
        return sets;
    }
}
