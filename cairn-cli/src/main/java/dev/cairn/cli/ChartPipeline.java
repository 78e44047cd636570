package dev.cairn.cli;

import dev.cairn.chart.ChartException;
import dev.cairn.chart.ChartInput;
import dev.cairn.oci.Progress;
import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layout.LayoutOutput;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.operable.OperableManifest;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import dev.cairn.workspace.ChartTarget;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.OperableTarget;
import dev.cairn.workspace.RenderedChart;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The path every chart verb shares: build the chart's image (as {@code cairn build} would, so
 * its digest is the one {@code cairn publish} pushes), read what its operable says about
 * itself, hand both to the chart function as a {@link ChartInput}, then render it per environment
 * and check what the environment gives the operable's options.
 */
final class ChartPipeline {
    private ChartPipeline() {}

    /**
     * Builds the chart's image into a scratch layout (layers come from the cache when unchanged)
     * and returns what the chart is handed: the manifest digest from that build, and the options,
     * probes and ports of the operable the build used.
     */
    static ChartInput input(Workspace workspace, ChartTarget chart, Progress progress, Consumer<String> log) {
        ImageTarget image = WorkspaceTargets.image(workspace.target(chart.image()), "render");
        if (image.image().operable() == null) {
            throw new ChartException(chart.address() + " runs " + image.address() + ", which names no operable;"
                    + " a chart needs a standard image, whose operable says what it reads and how it is probed",
                    "give the image operable = \"//cell/operables/NAME\" (docs/images.md#standard-images)");
        }
        WrittenImage written;
        Path scratch;
        try {
            scratch = Files.createTempDirectory("cairn-render-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for the image of " + chart.address(), e);
        }
        try {
            written = ImagePipeline.write(workspace, image, scratch.resolve("layout"), OutputFormat.OCI,
                    Compression.GZIP, progress, log);
        } finally {
            try {
                LayoutOutput.deleteTree(scratch);
            } catch (IOException e) {
                log.accept("warning: cannot delete " + scratch + ": " + e.getMessage());
            }
        }
        Store store = StoreCommand.open();
        OperableTarget operable = workspace.operableTarget(TargetAddress.parse(image.image().operable()));
        StorePath built = BuildRoots.lastBuild(store, workspace, operable).orElseThrow(() -> new IllegalStateException(
                "building " + image.address() + " keeps its operable " + operable.address() + " as a GC root"));
        Path manifestFile = store.physicalPath(built).resolve(OperableManifest.FILE);
        OperableManifest manifest;
        try {
            manifest = OperableManifest.parse(Files.readString(manifestFile), manifestFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifestFile, e);
        }
        return ChartInput.of(chart.address().name(), image.address().toString(), image.image(),
                written.manifest().digest(), built.toString(), manifest);
    }

    /** The chart as {@code environment} (or its block, without one) has it, its options checked. */
    static RenderedChart render(Workspace workspace, ChartTarget chart, Optional<String> environment, ChartInput input) {
        RenderedChart rendered = workspace.render(chart, environment, input);
        rendered.values().check(input, chart.address().toString(), environment, rendered.source());
        return rendered;
    }
}
