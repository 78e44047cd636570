package dev.cairn.bench;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.cairn.oci.Descriptor;
import dev.cairn.oci.ImageReference;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.Platform;
import dev.cairn.oci.Progress;
import dev.cairn.oci.image.ContainerConfig;
import dev.cairn.oci.image.ImageRecipe;
import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layer.DirectoryTree;
import dev.cairn.oci.layer.Layer;
import dev.cairn.oci.layer.LayerCache;
import dev.cairn.oci.layer.LayerContents;
import dev.cairn.oci.layout.LayoutOutput;
import dev.cairn.oci.layout.OciLayout;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.oci.registry.BlobSource;
import dev.cairn.oci.registry.PushPlan;
import dev.cairn.oci.registry.RegistryClient;
import dev.cairn.oci.registry.RegistryClientOptions;
import dev.cairn.oci.registry.Repository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * cairn and Jib side by side on the same content, in one JVM: an image of one layer built to
 * a tar, and pushed to a local registry, each cold (fresh caches, empty repository) and warm
 * (caches and registry from the run before). Prints a Markdown table of median seconds.
 *
 * <p>Usage: ImageBench REGISTRY_HOST:PORT WORKDIR RUNS
 */
public final class ImageBench {
    private final String registry;
    private final Path work;
    private final int runs;
    private int counter;

    private ImageBench(String registry, Path work, int runs) {
        this.registry = registry;
        this.work = work;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        ImageBench bench = new ImageBench(args[0], Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2]));
        bench.run();
    }

    interface Step {
        void run(Path scratch, Path cache, String repository) throws Exception;
    }

    private void run() throws Exception {
        Map<String, Path> rows = new java.util.LinkedHashMap<>();
        rows.put("Java app: 30 MB in 40 jars", jars(work.resolve("content/jars")));
        rows.put("200 MB tree, mixed files", tree(work.resolve("content/tree")));
        List<String> table = new ArrayList<>();
        table.add("| content | case | cairn | Jib | cairn / Jib |");
        table.add("|---|---|---|---|---|");
        for (Map.Entry<String, Path> row : rows.entrySet()) {
            Path content = row.getValue();
            measure(table, row.getKey(), "tar, cold", (s, c, r) -> cairnTar(content, s, c), (s, c, r) -> jibTar(content, s, c), false);
            measure(table, row.getKey(), "tar, warm", (s, c, r) -> cairnTar(content, s, c), (s, c, r) -> jibTar(content, s, c), true);
            measure(table, row.getKey(), "push, cold", (s, c, r) -> cairnPush(content, s, c, r), (s, c, r) -> jibPush(content, c, r), false);
            measure(table, row.getKey(), "push, warm", (s, c, r) -> cairnPush(content, s, c, r), (s, c, r) -> jibPush(content, c, r), true);
        }
        table.forEach(System.out::println);
    }

    /** Median seconds of each tool; warm cases first run once untimed to fill caches and registry. */
    private void measure(List<String> table, String row, String label, Step cairn, Step jib, boolean warm)
            throws Exception {
        double cairnSeconds = median(cairn, warm);
        double jibSeconds = median(jib, warm);
        String line = String.format(Locale.ROOT, "| %s | %s | %.2f s | %.2f s | %.2f |", row, label, cairnSeconds,
                jibSeconds, cairnSeconds / jibSeconds);
        System.err.println(line);
        table.add(line);
    }

    private double median(Step step, boolean warm) throws Exception {
        Path cache = fresh("cache");
        String repository = "bench-" + (++counter);
        step.run(fresh("scratch"), warm ? cache : fresh("cache"), warm ? repository : "bench-" + (++counter));
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path runCache = warm ? cache : fresh("cache");
            String runRepository = warm ? repository : "bench-" + (++counter);
            Path scratch = fresh("scratch");
            long start = System.nanoTime();
            step.run(scratch, runCache, runRepository);
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        seconds.sort(null);
        return seconds.get(seconds.size() / 2);
    }

    private Path fresh(String kind) throws IOException {
        Files.createDirectories(work.resolve("runs"));
        return Files.createTempDirectory(work.resolve("runs"), kind + "-");
    }

    private static ImageRecipe recipe(Path content) throws IOException {
        LayerContents layer = new LayerContents().addAll(DirectoryTree.entries(content, "app", null, 0, 0));
        ContainerConfig config = new ContainerConfig(null, Map.of(), List.of(), List.of("/app/run"), List.of(), null,
                Map.of(), null);
        return new ImageRecipe(List.of(new ImageRecipe.RecipeLayer("app", layer)), config, Platform.linux("amd64"),
                Map.of(), Compression.GZIP, MediaTypes.OCI_MANIFEST);
    }

    private static WrittenImage cairnTar(Path content, Path scratch, Path cache) throws IOException {
        return LayoutOutput.write(scratch.resolve("image.tar"), OutputFormat.OCI_ARCHIVE, recipe(content), "latest",
                List.of(), Progress.NONE, Optional.of(LayerCache.at(cache)));
    }

    private void cairnPush(Path content, Path scratch, Path cache, String repository) throws IOException {
        Path layoutDir = scratch.resolve("layout");
        WrittenImage image = LayoutOutput.write(layoutDir, OutputFormat.OCI, recipe(content), "latest", List.of(),
                Progress.NONE, Optional.of(LayerCache.at(cache)));
        OciLayout layout = OciLayout.open(layoutDir);
        List<PushPlan.Blob> blobs = new ArrayList<>();
        blobs.add(PushPlan.Blob.of(image.config(), BlobSource.of(layout.blob(image.config().digest()))));
        for (Layer layer : image.layers()) {
            Descriptor d = layer.descriptor();
            blobs.add(PushPlan.Blob.of(d, BlobSource.of(layout.blob(d.digest()))));
        }
        try (RegistryClient client = RegistryClient.create(RegistryClientOptions.defaults())) {
            client.push(PushPlan.of(Repository.of(ImageReference.parse(registry + "/" + repository)), blobs,
                    Files.readAllBytes(layout.blob(image.manifest().digest())), image.manifest().mediaType(), "latest"));
        }
    }

    private static JibContainerBuilder jib(Path content) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("app");
        try (var files = Files.walk(content)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                layer.addEntry(file, AbsoluteUnixPath.get("/app/" + content.relativize(file)));
            }
        }
        return Jib.fromScratch().addFileEntriesLayer(layer.build()).setEntrypoint("/app/run");
    }

    private static void jibTar(Path content, Path scratch, Path cache) throws Exception {
        jib(content).containerize(Containerizer.to(TarImage.at(scratch.resolve("image.tar")).named("bench:latest"))
                .setApplicationLayersCache(cache.resolve("application"))
                .setBaseImageLayersCache(cache.resolve("base")));
    }

    private void jibPush(Path content, Path cache, String repository) throws Exception {
        jib(content).containerize(Containerizer.to(RegistryImage.named(registry + "/" + repository))
                .setAllowInsecureRegistries(true)
                .setApplicationLayersCache(cache.resolve("application"))
                .setBaseImageLayersCache(cache.resolve("base")));
    }

    /** 40 incompressible "jars" adding up to about 30 MB, like a service's dependencies. */
    private static Path jars(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            return root;
        }
        Random random = new Random(40);
        Files.createDirectories(root.resolve("lib"));
        for (int i = 0; i < 40; i++) {
            write(root.resolve("lib/dependency-" + i + ".jar"), 200_000 + random.nextInt(1_100_000), random, false);
        }
        write(root.resolve("run"), 200, random, true);
        return root;
    }

    /** About 200 MB: many small text files, some medium, a few large binaries. */
    private static Path tree(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            return root;
        }
        Random random = new Random(200);
        for (int i = 0; i < 2000; i++) {
            write(root.resolve("small/" + (i % 50) + "/f" + i + ".txt"), 1000 + random.nextInt(30_000), random, true);
        }
        for (int i = 0; i < 100; i++) {
            write(root.resolve("medium/m" + i + ".bin"), 500_000 + random.nextInt(500_000), random, i % 2 == 0);
        }
        for (int i = 0; i < 4; i++) {
            write(root.resolve("large/l" + i + ".bin"), 25_000_000, random, false);
        }
        write(root.resolve("run"), 200, random, true);
        return root;
    }

    private static void write(Path file, int size, Random random, boolean text) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[size];
        if (text) {
            String words = "the quick brown fox jumps over the lazy dog while cairn packs layers ";
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) words.charAt((i + random.nextInt(3)) % words.length());
            }
        } else {
            random.nextBytes(bytes);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }
}
