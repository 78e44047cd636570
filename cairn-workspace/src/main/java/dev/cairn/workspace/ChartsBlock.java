package dev.cairn.workspace;

import static dev.cairn.workspace.PklValues.map;
import static dev.cairn.workspace.PklValues.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pkl.core.Composite;

/**
 * Turns an evaluated chart block ({@code kubernetes-charts.pkl}, {@code nomad-charts.pkl}, {@code systemd-charts.pkl}) into chart targets. Pkl has
 * checked the parameters' types; what a chart renders to depends on its image's build and the
 * environment, so it is evaluated again at render time ({@link ChartRendering}).
 */
final class ChartsBlock {
    private final Block block;

    ChartsBlock(Block block) {
        this.block = block;
    }

    List<Target> targets(Composite module) {
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<String, Object> chart : map(module, "charts").entrySet()) {
            TargetAddress address = block.target(chart.getKey());
            targets.add(new ChartTarget(address, block.type(), block.file(), TargetAddress.parse(string((Composite) chart.getValue(), "image"))));
        }
        return targets;
    }
}
