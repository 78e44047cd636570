package dev.cairn.store;

import java.util.Objects;

/** A damaged object: what was recorded, what is there now (null when unreadable), and why. */
public record Corruption(StorePath path, NarHash expected, NarHash actual, String reason) {
    public Corruption {
        Objects.requireNonNull(path);
        Objects.requireNonNull(expected);
        Objects.requireNonNull(reason);
    }
}
