package dev.cairn.cli;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.ImageReference;
import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layer.Layer;
import dev.cairn.oci.layout.OciLayout;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.oci.registry.BlobSource;
import dev.cairn.oci.registry.PushPlan;
import dev.cairn.oci.registry.PushResult;
import dev.cairn.oci.registry.RegistryClient;
import dev.cairn.oci.registry.RegistryClientOptions;
import dev.cairn.oci.registry.Repository;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Build an image target and push it to registries; print REPO@sha256:… for each.")
final class PublishCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TARGET", description = "An image target, //cell/oci-images/NAME.")
    String target;

    @Option(names = "--to", paramLabel = "REGISTRY/REPO[:TAG]", required = true,
            description = "Where to push; repeat for several. The tag defaults to latest.")
    List<String> destinations;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Allow plain HTTP to this registry (loopback registries always may).")
    List<String> insecure = new ArrayList<>();

    @CommandLine.Mixin
    CompressionOption compression;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<ImageReference> references = destinations.stream().map(ImageReference::parse).toList();
        Compression layerCompression = compression.parse();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path scratch = Files.createTempDirectory("cairn-publish-");
        try (Workspace workspace = WorkspaceTargets.open(spec);
                ProgressLine progress = ProgressLine.forTerminal(err)) {
            ImageTarget image = WorkspaceTargets.image(workspace, target, "publish");
            Path layoutDirectory = scratch.resolve("layout");
            WrittenImage written = ImagePipeline.write(workspace, image, layoutDirectory, OutputFormat.OCI,
                    layerCompression, progress, Output.log(err));
            OciLayout layout = OciLayout.open(layoutDirectory);
            RegistryClientOptions options = RegistryClientOptions.defaults()
                    .withInsecureRegistries(Set.copyOf(insecure))
                    .withProgress(new UploadProgress(progress));
            try (RegistryClient client = RegistryClient.create(options)) {
                Map<String, String> firstRepositoryOnRegistry = new HashMap<>();
                for (ImageReference reference : references) {
                    Optional<String> mountFrom = Optional.ofNullable(firstRepositoryOnRegistry.get(reference.registry()));
                    PushResult result = client.push(plan(layout, written, reference, mountFrom));
                    firstRepositoryOnRegistry.putIfAbsent(reference.registry(), reference.repository());
                    progress.close();
                    err.println(summary(result));
                    err.flush();
                    out.println(result.pushed());
                    out.flush();
                }
            }
            return 0;
        } finally {
            dev.cairn.oci.layout.LayoutOutput.deleteTree(scratch);
        }
    }

    /** The blobs from the layout (config, then layers), and the manifest's exact bytes. */
    private static PushPlan plan(OciLayout layout, WrittenImage image, ImageReference reference,
            Optional<String> mountFrom) throws IOException {
        List<PushPlan.Blob> blobs = new ArrayList<>();
        List<Descriptor> descriptors = new ArrayList<>();
        descriptors.add(image.config());
        image.layers().stream().map(Layer::descriptor).forEach(descriptors::add);
        for (Descriptor descriptor : descriptors) {
            PushPlan.Blob blob = PushPlan.Blob.of(descriptor, BlobSource.of(layout.blob(descriptor.digest())));
            blobs.add(mountFrom.map(blob::mountableFrom).orElse(blob));
        }
        byte[] manifest = Files.readAllBytes(layout.blob(image.manifest().digest()));
        String tag = reference.tag() != null ? reference.tag() : ImagePipeline.LAYOUT_TAG;
        return PushPlan.of(Repository.of(reference), blobs, manifest, image.manifest().mediaType(), tag);
    }

    private static String summary(PushResult result) {
        if (result.uploaded() == 0) {
            return "pushed " + result.pushed() + ": no blob uploaded (" + result.skipped() + " already present"
                    + (result.mounted() > 0 ? ", " + result.mounted() + " mounted" : "") + ")";
        }
        return "pushed " + result.pushed() + ": " + result.uploaded() + " blobs uploaded ("
                + Output.bytes(result.bytesUploaded()) + "), " + result.skipped() + " already present, "
                + result.mounted() + " mounted";
    }

    /** Turns per-blob running totals into the progress line's increments. */
    private record UploadProgress(ProgressLine line, Map<Digest, Long> sent) implements
            dev.cairn.oci.registry.UploadProgressListener {
        UploadProgress(ProgressLine line) {
            this(line, new ConcurrentHashMap<>());
        }

        @Override
        public void progress(Digest blob, long bytesSent, long size) {
            Long before = sent.put(blob, bytesSent);
            long delta = bytesSent - (before == null || before > bytesSent ? 0 : before);
            line.advance("upload", delta);
        }
    }
}
