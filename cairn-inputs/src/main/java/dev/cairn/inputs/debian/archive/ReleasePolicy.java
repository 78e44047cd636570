package dev.cairn.inputs.debian.archive;

import java.time.Clock;

/**
 * How strictly an InRelease's freshness is judged.
 *
 * @param clock what "now" is, for {@code Valid-Until} and signature expiry
 * @param allowExpired accept a Release whose {@code Valid-Until} (or signature expiry) has
 *     passed; for reproducing an old lock from a snapshot of the archive, never for
 *     resolving anew, since an expired index is exactly what a replaying mirror serves
 */
public record ReleasePolicy(Clock clock, boolean allowExpired) {
    /** Now, by the system clock, and expired Releases refused. */
    public static ReleasePolicy strict() {
        return new ReleasePolicy(Clock.systemUTC(), false);
    }

    public ReleasePolicy allowingExpired() {
        return new ReleasePolicy(clock, true);
    }
}
