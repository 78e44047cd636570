package dev.cairn.cli;

import dev.cairn.store.Store;
import dev.cairn.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cairn store …}: the content-addressed store. */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "Add, inspect, verify and root objects of the content-addressed store "
                + "(at $CAIRN_STORE, default ~/.cache/cairn/store).",
        subcommands = {
            StoreAddCommand.class,
            StoreVerifyCommand.class,
            StoreClosureCommand.class,
            StoreWhyCommand.class,
            StoreRootCommand.class
        })
final class StoreCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The store the environment names; every verb that touches it opens it here. */
    static Store open() {
        return Store.open(StoreLocation.fromEnvironment());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a store command; see `cairn store --help`");
    }
}
