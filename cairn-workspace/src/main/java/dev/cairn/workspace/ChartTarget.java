package dev.cairn.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A chart declared in a {@code <scheduler>-charts.pkl} block: one entry of its {@code charts}.
 * Its manifests are rendered on demand ({@link Workspace#render}), since they depend on the
 * image's build and on the environment.
 *
 * @param type the block it is declared in, which says the scheduler
 * @param image the image target the chart runs, {@code //cell/oci-images/name}
 */
public record ChartTarget(TargetAddress address, BlockType type, Path blockFile, TargetAddress image) implements Target {
    private static final List<Action> ACTIONS = List.of(Action.RENDER, Action.DIFF);

    public ChartTarget {
        Objects.requireNonNull(address, "address");
        if (!type.isCharts()) {
            throw new IllegalArgumentException(type + " is not a chart block");
        }
        Objects.requireNonNull(blockFile, "blockFile");
        Objects.requireNonNull(image, "image");
    }

    @Override
    public List<Action> actions() {
        return ACTIONS;
    }
}
