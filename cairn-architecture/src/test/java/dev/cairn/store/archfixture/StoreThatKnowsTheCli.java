package dev.cairn.store.archfixture;

import dev.cairn.cli.Cairn;

/** A deliberate violation, for the test that proves the import rule catches one. */
public final class StoreThatKnowsTheCli {
    private StoreThatKnowsTheCli() {}

    public static int run() {
        return Cairn.run("--version");
    }
}
