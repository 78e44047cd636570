package dev.cairn.cli;

import dev.cairn.store.GcReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        description = "Remove every store object outside the closure of the GC roots, and leftovers of interrupted adds.")
final class GcCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Only say what would be removed.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    record Report(boolean dryRun, java.util.List<String> removed, long bytesFreed, java.util.List<String> danglingRoots) {}

    @Override
    public Integer call() {
        GcReport report = StoreCommand.open().collectGarbage(dryRun);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, new Report(dryRun,
                    report.removals().stream().map(GcReport.Removal::what).toList(),
                    report.bytesFreed(), report.danglingRoots()));
            return 0;
        }
        String verb = dryRun ? "would remove " : "removed ";
        report.removals().forEach(removal -> out.println(verb + removal.what()));
        report.danglingRoots().forEach(root -> out.println("dangling root (ignored): " + root));
        out.println(report.removals().size() + (dryRun ? " paths would be removed, " : " paths removed, ")
                + Output.bytes(report.bytesFreed()) + (dryRun ? " would be freed" : " freed"));
        return 0;
    }
}
