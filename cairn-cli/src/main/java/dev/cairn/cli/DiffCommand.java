package dev.cairn.cli;

import dev.cairn.chart.ChartException;
import dev.cairn.chart.ChartInput;
import dev.cairn.chart.UnifiedDiff;
import dev.cairn.workspace.ChartTarget;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show how a chart's manifests differ between two environments, as a unified diff.",
                "Exits 0 when they are the same and 1 when they differ, like diff."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TARGET", description = "A chart target: //cell/kubernetes-charts/NAME, //cell/nomad-charts/NAME, //cell/systemd-charts/NAME.")
    String target;

    @Option(names = "--env", paramLabel = "ENV", required = true,
            description = "An environment, twice: --env A --env B shows what B changes of A.")
    List<String> environments;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "The text compared: Kubernetes yaml (the default) or json; Nomad json; systemd unit.")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (environments.size() != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name two environments: --env A --env B (got " + environments.size() + ")");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (Workspace workspace = WorkspaceTargets.open(spec);
                ProgressLine progress = ProgressLine.forTerminal(spec.commandLine().getErr())) {
            ChartTarget chart = workspace.chartTarget(TargetAddress.parse(target));
            if (environments.get(0).equals(environments.get(1))) {
                throw new ChartException("diff " + chart.address() + " --env " + environments.get(0) + " twice compares"
                        + " an environment with itself", "name two different environments");
            }
            ChartInput input = ChartPipeline.input(workspace, chart, progress, Output.log(spec.commandLine().getErr()));
            progress.close();
            String a = text(workspace, chart, environments.get(0), input, Optional.ofNullable(format));
            String b = text(workspace, chart, environments.get(1), input, Optional.ofNullable(format));
            String diff = UnifiedDiff.of(chart.address() + " --env " + environments.get(0), a,
                    chart.address() + " --env " + environments.get(1), b);
            stdout.print(diff);
            stdout.flush();
            return diff.isEmpty() ? 0 : 1;
        }
    }

    private static String text(Workspace workspace, ChartTarget chart, String environment, ChartInput input,
            Optional<String> format) {
        return ChartPipeline.render(workspace, chart, Optional.of(environment), input).output().text(format);
    }
}
