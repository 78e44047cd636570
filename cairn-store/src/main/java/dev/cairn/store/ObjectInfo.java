package dev.cairn.store;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the store records of an object: its content hash and size, and the other objects
 * its bytes mention, which make closures exact.
 *
 * @param unsandboxed whether the object is the output of a build that ran on the host, outside the
 *     sandbox ({@code cairn build --no-sandbox}): it may depend on whatever the host had, so it is
 *     recorded, never inferred from the path, and shown wherever the object is reported
 */
public record ObjectInfo(
        StorePath path, NarHash narHash, long narSize, SortedSet<StorePath> references, boolean unsandboxed) {
    public ObjectInfo {
        references = Collections.unmodifiableSortedSet(new TreeSet<>(references));
    }

    /** An object added, or built in the sandbox: nothing of the host's went into it unrecorded. */
    public ObjectInfo(StorePath path, NarHash narHash, long narSize, SortedSet<StorePath> references) {
        this(path, narHash, narSize, references, false);
    }

    /** The content address in Nix's notation: recursive (NAR) SHA-256. */
    public String contentAddress() {
        return "fixed:r:" + narHash;
    }
}
