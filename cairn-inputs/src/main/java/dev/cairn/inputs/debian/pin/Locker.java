package dev.cairn.inputs.debian.pin;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.index.BinaryPackage;
import dev.cairn.inputs.debian.index.PackageIndex;
import dev.cairn.inputs.debian.resolve.Request;
import dev.cairn.inputs.debian.resolve.Resolution;
import dev.cairn.inputs.debian.resolve.ResolveOptions;
import dev.cairn.inputs.debian.resolve.Resolver;
import dev.cairn.inputs.debian.resolve.Selection;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.inputs.lock.LockedSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Resolves every request set of a workspace afresh and writes down the answer as a
 * {@link Lock}: the closure of each set, each package's file (repository name, path, size,
 * SHA-256), and for each package pulled in, which package pulled it in.
 */
public final class Locker {
    private Locker() {}

    /** @param indexFor the verified index of an architecture's packages */
    public static Lock lock(List<RequestSet> sets, Function<String, PackageIndex> indexFor) {
        Map<LockedSet, Collection<LockedPackage>> resolutions = new LinkedHashMap<>();
        for (RequestSet set : sets) {
            Resolution resolution = resolve(set, indexFor.apply(set.architecture()));
            List<LockedPackage> closure = resolution.packages().stream().map(Locker::locked).toList();
            Map<String, String> because = new TreeMap<>();
            for (Selection selection : resolution.selections()) {
                if (selection.cause() instanceof Selection.Dependency(var edge)) {
                    because.put(selection.binary().name(), edge.from().name());
                }
            }
            resolutions.put(new LockedSet(set.architecture(), set.request(),
                    closure.stream().map(LockedPackage::key).toList(), because), closure);
        }
        return Lock.of(resolutions);
    }

    /** Resolves one set; a failure names the set and the targets that ask for it. */
    public static Resolution resolve(RequestSet set, PackageIndex index) {
        try {
            List<Request> requests = set.request().stream().map(Request::parse).toList();
            return Resolver.resolve(requests, index, ResolveOptions.forArchitecture(set.architecture()));
        } catch (InputsException e) {
            throw new InputsException("cannot resolve Debian packages " + set.describe() + " of "
                    + String.join(", ", set.wantedBy()) + ": " + e.getMessage(), e.hint(), e);
        }
    }

    static LockedPackage locked(BinaryPackage binary) {
        return new LockedPackage(binary.name(), binary.version().toString(), binary.architecture(),
                binary.origin().repository(), binary.origin().suite(), binary.filename(), binary.sha256(), binary.size());
    }
}
