package dev.cairn.packaging.build;

import dev.cairn.store.ObjectInfo;

/**
 * A derivation's output in the store.
 *
 * @param reused whether the store already had it, so nothing ran
 */
public record BuildOutcome(ObjectInfo output, boolean reused) {}
