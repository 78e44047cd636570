package dev.cairn.cli;

import dev.cairn.chart.ChartException;
import dev.cairn.chart.ChartInput;
import dev.cairn.chart.HelmExport;
import dev.cairn.chart.Manifests;
import dev.cairn.chart.Rendering;
import dev.cairn.workspace.ChartTarget;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a chart, its image built first and referenced by digest.",
                "Kubernetes: YAML documents or one JSON List (--out: one file per object); Nomad: the job's JSON",
                "(--out: NAME.nomad.json); systemd: the unit (--out: NAME.service).",
                "Kubernetes, --format helm --out DIR: a Helm v2 chart whose default values render the same objects."})
final class RenderCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TARGET", description = "A chart target, //cell/kubernetes-charts/NAME, //cell/nomad-charts/NAME or //cell/systemd-charts/NAME.")
    String target;

    @Option(names = "--env", paramLabel = "ENV",
            description = "The environment, cells/<cell>/environments/ENV.pkl; without it, the chart as its block has it.")
    String environment;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Kubernetes: yaml (the default), json, or helm (a Helm chart, with --out); Nomad: json; systemd: unit.")
    String format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write to files in DIR instead: NN-KIND-NAME.FORMAT, NAME.nomad.json or NAME.service.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        boolean helm = "helm".equals(format);
        if (helm && out == null) {
            throw new ChartException("--format helm writes a chart's directory, and no --out DIR names it",
                    "add --out DIR, e.g. --out charts/" + TargetAddress.parse(target).name());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (Workspace workspace = WorkspaceTargets.open(spec);
                ProgressLine progress = ProgressLine.forTerminal(spec.commandLine().getErr())) {
            ChartTarget chart = workspace.chartTarget(TargetAddress.parse(target));
            ChartInput input = ChartPipeline.input(workspace, chart, progress, Output.log(spec.commandLine().getErr()));
            progress.close();
            Rendering output = ChartPipeline.render(workspace, chart, Optional.ofNullable(environment), input).output();
            if (helm) {
                if (!(output instanceof Manifests manifests)) {
                    throw new ChartException("--format helm exports Kubernetes charts; " + chart.address() + " is not one",
                            "render it without --format helm");
                }
                HelmExport export = HelmExport.of(chart.address().toString(), input, Optional.ofNullable(environment), manifests);
                try {
                    export.write(out.toAbsolutePath()).forEach(stdout::println);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the Helm chart of " + chart.address() + " to " + out, e);
                }
                export.baked().forEach(note -> spec.commandLine().getErr().println("note: " + note));
            } else if (out == null) {
                stdout.print(output.text(Optional.ofNullable(format)));
            } else {
                try {
                    output.write(out.toAbsolutePath(), Optional.ofNullable(format)).forEach(stdout::println);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the manifests of " + chart.address() + " to " + out, e);
                }
            }
            stdout.flush();
            return 0;
        }
    }
}
