package dev.cairn.cli;

import dev.cairn.workspace.Action;
import dev.cairn.workspace.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every target of the workspace as //cell/block/name with its actions.")
final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print an array of {target, actions, file}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    record Row(String target, List<String> actions, String file) {}

    @Override
    public Integer call() {
        try (Workspace workspace = WorkspaceTargets.open(spec)) {
            List<Row> rows = workspace.targets().stream()
                    .map(t -> new Row(t.address().toString(), t.actions().stream().map(Action::verb).toList(),
                            workspace.root().relativize(t.blockFile()).toString()))
                    .toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, rows);
                return 0;
            }
            int width = rows.stream().mapToInt(r -> r.target().length()).max().orElse(6);
            out.printf("%-" + width + "s  %s%n", "TARGET", "ACTIONS");
            for (Row row : rows) {
                out.printf("%-" + width + "s  %s%n", row.target(), String.join(" ", row.actions()));
            }
            out.flush();
            return 0;
        }
    }
}
