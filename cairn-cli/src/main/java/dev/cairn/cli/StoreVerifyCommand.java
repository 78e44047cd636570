package dev.cairn.cli;

import dev.cairn.store.Corruption;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Re-hash objects (all of them when none is named) and name every corrupted one; exit 1 if any.")
final class StoreVerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Store paths to check.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    record Report(int checked, List<Problem> corrupted) {}

    record Problem(String path, String expected, String actual, String reason) {}

    @Override
    public Integer call() {
        Store store = StoreCommand.open();
        List<StorePath> targets = paths.stream().map(store::resolve).toList();
        List<StorePath> checked = targets.isEmpty() ? store.validPaths() : targets;
        List<Corruption> corrupted = store.verify(checked);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, new Report(checked.size(), corrupted.stream()
                    .map(c -> new Problem(c.path().toString(), c.expected().toString(),
                            c.actual() == null ? null : c.actual().toString(), c.reason()))
                    .toList()));
        } else {
            PrintWriter err = spec.commandLine().getErr();
            for (Corruption c : corrupted) {
                err.println("corrupted: " + c.path() + ": " + c.reason());
                err.println("  expected " + c.expected() + (c.actual() == null ? "" : ", found " + c.actual()));
            }
            out.println(checked.size() + " checked, " + corrupted.size() + " corrupted");
            err.flush();
        }
        return corrupted.isEmpty() ? 0 : ErrorReporter.FAILURE;
    }
}
