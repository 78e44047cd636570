package dev.cairn.cli;

import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "why",
        mixinStandardHelpOptions = true,
        description = "Show the chain of references by which PATH pulls DEP into its closure.")
final class StoreWhyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "The object whose closure is asked about.")
    String path;

    @Parameters(index = "1", paramLabel = "DEP", description = "The object it may pull in.")
    String dependency;

    @Option(names = "--json", description = "Print the chain as a JSON array of paths.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Store store = StoreCommand.open();
        StorePath from = store.resolve(path);
        StorePath to = store.resolve(dependency);
        List<StorePath> chain = store.why(from, to).orElseThrow(() -> new StoreException(
                to + " is not in the closure of " + from, "`cairn store closure " + from + "` lists what is"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, chain.stream().map(StorePath::toString).toList());
        } else {
            for (int i = 0; i < chain.size(); i++) {
                out.println("  ".repeat(i) + (i == 0 ? "" : "→ ") + chain.get(i));
            }
        }
        return 0;
    }
}
