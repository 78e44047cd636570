package dev.cairn.cli;

import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Copy a file or directory into the store and print its store path.")
final class StoreAddCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "File or directory to add.")
    Path source;

    @Option(names = "--name", paramLabel = "N", description = "Store name (default: the file name of PATH).")
    String name;

    @Option(names = "--root", paramLabel = "ROOT", description = "Also make it a GC root of this name.")
    String root;

    @Option(names = "--json", description = "Print the object's metadata as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path absolute = source.toAbsolutePath().normalize();
        String storeName = name != null ? name : defaultName(absolute);
        Store store = StoreCommand.open();
        ObjectInfo info = store.add(absolute, storeName);
        if (root != null) {
            store.roots().add(root, info.path());
        }
        if (json) {
            Output.json(spec.commandLine().getOut(), ObjectView.of(store, info));
        } else {
            spec.commandLine().getOut().println(info.path());
        }
        return 0;
    }

    private static String defaultName(Path source) {
        if (source.getFileName() == null) {
            throw new StoreException("'/' has no file name to name the object by", "pass --name");
        }
        return source.getFileName().toString();
    }
}
