package dev.cairn.cli;

import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** GC roots: what `cairn gc` must keep. */
@Command(
        name = "root",
        mixinStandardHelpOptions = true,
        description = "Manage GC roots: objects that, with their closures, `cairn gc` keeps.",
        subcommands = {StoreRootCommand.Add.class, StoreRootCommand.Remove.class, StoreRootCommand.ListRoots.class})
final class StoreRootCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a root command: add, remove or list");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Make NAME keep PATH alive.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "PATH")
        String path;

        @Override
        public Integer call() throws IOException {
            Store store = StoreCommand.open();
            store.roots().add(name, store.resolve(path));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Drop the root NAME.")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            if (!StoreCommand.open().roots().remove(name)) {
                throw new StoreException("there is no GC root named '" + name + "'", "`cairn store root list` shows them");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List roots and the objects they keep.")
    static final class ListRoots implements Callable<Integer> {
        @Option(names = "--json", description = "Print an object of root name to store path.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SortedMap<String, StorePath> roots = StoreCommand.open().roots().list();
            if (json) {
                SortedMap<String, String> view = new java.util.TreeMap<>();
                roots.forEach((name, path) -> view.put(name, path.toString()));
                Output.json(spec.commandLine().getOut(), view);
            } else {
                for (Map.Entry<String, StorePath> root : roots.entrySet()) {
                    spec.commandLine().getOut().println(root.getKey() + " -> " + root.getValue());
                }
            }
            return 0;
        }
    }
}
