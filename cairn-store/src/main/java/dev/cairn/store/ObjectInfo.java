package dev.cairn.store;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the store records of an object: its content hash and size, and the other objects
 * its bytes mention, which make closures exact.
 */
public record ObjectInfo(StorePath path, NarHash narHash, long narSize, SortedSet<StorePath> references) {
    public ObjectInfo {
        references = Collections.unmodifiableSortedSet(new TreeSet<>(references));
    }

    /** The content address in Nix's notation: recursive (NAR) SHA-256. */
    public String contentAddress() {
        return "fixed:r:" + narHash;
    }
}
