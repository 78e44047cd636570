package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;

import dev.cairn.chart.ChartInput;
import dev.cairn.chart.Rendering;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A workspace with one chart block and its environments, and a render checked as {@code cairn render} checks it. */
final class ChartTestSupport {
    private ChartTestSupport() {}

    /** A workspace at {@code root} whose cell {@code web} has {@code block} (e.g. {@code nomad-charts.pkl}) and these environments. */
    static Workspace workspaceWith(Path root, String blockFile, String block, Map<String, String> environments) {
        workspace(root, "charts");
        write(root, "cells/web/" + blockFile, block);
        environments.forEach((name, text) -> write(root, "cells/web/environments/" + name + ".pkl", text));
        return Workspace.locate(root);
    }

    /** The chart at {@code address} rendered with {@code input} as {@code environment} has it, its options checked. */
    static Rendering render(Workspace ws, String address, Optional<String> environment, ChartInput input) {
        ChartTarget chart = ws.chartTarget(TargetAddress.parse(address));
        RenderedChart rendered = ws.render(chart, environment, input);
        rendered.values().check(input, chart.address().toString(), environment, rendered.source());
        return rendered.output();
    }
}
