package dev.cairn.workspace;

import dev.cairn.chart.ChartException;
import dev.cairn.chart.Manifests;
import dev.cairn.chart.OptionValues;
import dev.cairn.chart.Rendering;

/**
 * A chart as an environment has it, rendered: its output (Kubernetes manifests, a Nomad job, a
 * systemd unit), and what it gives the operable's options.
 *
 * @param source the file that decides the render, as messages name it: the environment's, or the block's
 */
public record RenderedChart(Rendering output, OptionValues values, String source) {
    /** The output of a Kubernetes chart. */
    public Manifests manifests() {
        if (output instanceof Manifests manifests) {
            return manifests;
        }
        throw new ChartException(source + " renders " + output.getClass().getSimpleName() + ", not Kubernetes manifests", "");
    }
}
