package dev.cairn.inputs.debian.pin;

import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockedSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a lock answers exactly what the workspace asks for: every request set has its
 * closure in the lock, and the lock keeps none that nothing asks for. It does not look at the
 * archive: a lock whose packages have newer versions upstream is pinned, not stale.
 */
public final class LockCheck {
    private LockCheck() {}

    /** The reasons the lock is stale, one line each; empty when it is current. */
    public static List<String> problems(Lock lock, List<RequestSet> wanted) {
        List<String> problems = new ArrayList<>();
        for (RequestSet set : wanted) {
            if (lock.resolved(set.architecture(), set.request()).isEmpty()) {
                problems.add("no locked closure for " + set.describe() + ", asked for by " + String.join(", ", set.wantedBy()));
            }
        }
        for (LockedSet locked : lock.sets()) {
            boolean asked = wanted.stream().anyMatch(set -> locked.answers(set.architecture(), set.request()));
            if (!asked) {
                problems.add("the lock keeps " + String.join(" ", locked.request()) + " (" + locked.architecture()
                        + "), which no target asks for any more");
            }
        }
        return problems;
    }
}
