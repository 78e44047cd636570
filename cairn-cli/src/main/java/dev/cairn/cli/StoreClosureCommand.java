package dev.cairn.cli;

import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "closure",
        mixinStandardHelpOptions = true,
        description = "Print every object PATH needs at run time: itself and all it references, recursively.")
final class StoreClosureCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "A store path.")
    String path;

    @Option(names = "--json", description = "Print the closure as a JSON array of objects.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Store store = StoreCommand.open();
        List<StorePath> closure = List.copyOf(store.closure(List.of(store.resolve(path))));
        if (json) {
            Output.json(spec.commandLine().getOut(),
                    closure.stream().map(p -> ObjectView.of(store, store.info(p))).toList());
        } else {
            closure.forEach(spec.commandLine().getOut()::println);
        }
        return 0;
    }
}
