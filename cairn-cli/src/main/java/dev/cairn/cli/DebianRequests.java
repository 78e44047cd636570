package dev.cairn.cli;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import dev.cairn.inputs.debian.pin.RequestSet;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Debian package sets a workspace's targets ask for: what {@code cairn.lock} must answer. */
final class DebianRequests {
    private DebianRequests() {}

    static List<RequestSet> of(List<Target> targets) {
        Map<String, RequestSet> sets = new LinkedHashMap<>();
        for (Target target : targets) {
            for (RequestSet set : of(target)) {
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

    static List<RequestSet> of(Target target) {
        List<RequestSet> sets = new ArrayList<>();
        if (target instanceof ImageTarget image) {
            for (Content content : image.image().contents()) {
                if (content.source() instanceof ContentSource.DebianPackages packages) {
                    sets.add(new RequestSet(image.image().architecture(), packages.request(),
                            List.of(target.address().toString())));
                }
            }
        }
        return sets;
    }
}
