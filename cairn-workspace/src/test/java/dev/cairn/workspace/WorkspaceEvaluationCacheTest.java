package dev.cairn.workspace;

import static dev.cairn.workspace.TestWorkspaces.ociImages;
import static dev.cairn.workspace.TestWorkspaces.workspace;
import static dev.cairn.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chart.Manifests;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkl.core.PClassInfo;
import org.pkl.core.PModule;

/**
 * Workspaces opened with an evaluation cache: an unchanged module comes from the cache without
 * starting Pkl, and a change to anything its evaluation read is a miss that gives the new value.
 */
class WorkspaceEvaluationCacheTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("cairn.reactor", "..")).resolve("examples");

    @TempDir
    Path dir;

    Path root;
    Path cache;

    @BeforeEach
    void createWorkspace() throws IOException {
        root = workspace(dir.resolve("ws"), "shop").toRealPath();
        cache = dir.resolve("cache");
    }

    /** One cairn run: the labels of the first image, and whether Pkl had to start for them. */
    record Run(Map<String, String> labels, boolean pklStarted) {}

    private Run run() {
        return run(Map.of(), cache);
    }

    private Run run(Map<String, String> properties, Path cache) {
        try (Workspace workspace = Workspace.locate(root, properties, Optional.of(cache))) {
            Map<String, String> labels = ((ImageTarget) workspace.targets().getFirst()).image().labels();
            return new Run(labels, workspace.pkl().started() > 0);
        }
    }

    @Test
    void aSecondWorkspaceOnTheSameCacheGetsEqualTargetsWithoutStartingPkl() {
        ociImages(root, "web", "images { [\"api\"] { labels { [\"v\"] = \"1\" } }; [\"frontend\"] {} }\n");
        ociImages(root, "billing", "images { [\"worker\"] { cmd { \"work\" } } }\n");
        List<Target> first;
        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            first = workspace.targets();
            assertThat(workspace.name()).isEqualTo("shop");
            assertThat(workspace.pkl().started()).isEqualTo(1);
        }

        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            assertThat(workspace.targets()).isEqualTo(first).hasSize(3);
            assertThat(workspace.name()).isEqualTo("shop");
            assertThat(workspace.pkl().started()).isZero();
            assertThat(workspace.pkl().cache().orElseThrow().hits()).isEqualTo(3);
        }
    }

    @Test
    void everyBlockOfTheExamplesComesBackEqualFromTheCache() throws IOException {
        root = examples();
        List<Target> first;
        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            first = workspace.targets();
            workspace.archiveSettings();
        }

        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            assertThat(workspace.targets()).isEqualTo(first);
            assertThat(workspace.archiveSettings()).isNotNull();
            assertThat(workspace.pkl().started()).isZero();
            assertThat(workspace.pkl().cache().orElseThrow().misses()).isZero();
        }
    }

    @Test
    void aChartRendersAfterItsBlockCameFromTheCache() throws IOException {
        root = examples();
        Manifests cold;
        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            workspace.targets();
            cold = ExampleChartsTest.render(workspace, "greeter", "dev");
        }

        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            workspace.targets();
            assertThat(workspace.pkl().started()).isZero();

            assertThat(ExampleChartsTest.render(workspace, "greeter", "dev")).isEqualTo(cold);
            assertThat(workspace.pkl().started()).isEqualTo(1);
        }
    }

    @Test
    void theSettingsOfCairnPklAreCachedToo() {
        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            assertThat(workspace.name()).isEqualTo("shop");
        }
        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            assertThat(workspace.name()).isEqualTo("shop");
            assertThat(workspace.mavenRepositories()).isEmpty();
            assertThat(workspace.pkl().started()).isZero();
        }
        workspace(root, "renamed");
        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            assertThat(workspace.name()).isEqualTo("renamed");
            assertThat(workspace.pkl().started()).isEqualTo(1);
        }
    }

    @Test
    void aChangedBlockIsAMissAndTheNewEntryHitsAfterwards() {
        ociImages(root, "web", "images { [\"api\"] { labels { [\"v\"] = \"1\" } } }\n");
        assertThat(run()).isEqualTo(new Run(Map.of("v", "1"), true));
        assertThat(run()).isEqualTo(new Run(Map.of("v", "1"), false));

        ociImages(root, "web", "images { [\"api\"] { labels { [\"v\"] = \"2\" } } }\n");

        assertThat(run()).isEqualTo(new Run(Map.of("v", "2"), true));
        assertThat(run()).isEqualTo(new Run(Map.of("v", "2"), false));
    }

    @Test
    void aChangedImportedFileIsAMiss() {
        write(root, "cells/web/lib/base.pkl", "version = \"1\"\n");
        ociImages(root, "web", """
                import "lib/base.pkl"

                images { ["api"] { labels { ["v"] = base.version } } }
                """);
        assertThat(run().labels()).containsEntry("v", "1");

        write(root, "cells/web/lib/base.pkl", "version = \"2\"\n");

        assertThat(run()).isEqualTo(new Run(Map.of("v", "2"), true));
    }

    @Test
    void aModuleThatAnEarlierBlockLoadedIsAnInputOfTheLaterBlockToo() {
        write(root, "cells/lib/shared.pkl", "version = \"1\"\n");
        ociImages(root, "a", "import \"../lib/shared.pkl\"\n\nimages { [\"a\"] { labels { [\"v\"] = shared.version } } }\n");
        ociImages(root, "b", "import \"../lib/shared.pkl\"\n\nimages { [\"b\"] { labels { [\"v\"] = shared.version } } }\n");
        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            assertThat(workspace.targets()).hasSize(2); // Pkl loads shared.pkl once, for a
        }

        write(root, "cells/lib/shared.pkl", "version = \"2\"\n");

        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            ImageTarget b = (ImageTarget) workspace.target(TargetAddress.parse("//b/oci-images/b"));
            assertThat(b.image().labels()).containsEntry("v", "2");
            assertThat(workspace.pkl().started()).isEqualTo(1);
        }
    }

    @Test
    void aChangedFileThatIsReadIsAMiss() {
        write(root, "cells/web/version.txt", "1");
        ociImages(root, "web", "images { [\"api\"] { labels { [\"v\"] = read(\"version.txt\").text } } }\n");
        assertThat(run().labels()).containsEntry("v", "1");

        write(root, "cells/web/version.txt", "2");

        assertThat(run()).isEqualTo(new Run(Map.of("v", "2"), true));
    }

    @Test
    void aFileThatAnOptionalReadFoundAbsentIsAMissOnceItExists() {
        ociImages(root, "web", """
                images { ["api"] { labels { ["v"] = read?("version.txt")?.text ?? "none" } } }
                """);
        assertThat(run()).isEqualTo(new Run(Map.of("v", "none"), true));
        assertThat(run()).isEqualTo(new Run(Map.of("v", "none"), false));

        write(root, "cells/web/version.txt", "3");

        assertThat(run()).isEqualTo(new Run(Map.of("v", "3"), true));
    }

    @Test
    void aNewFileMatchingAnImportGlobIsAMiss() {
        write(root, "cells/web/parts/a.pkl", "value = \"a\"\n");
        ociImages(root, "web", """
                local parts = import*("parts/*.pkl")

                images { ["api"] { labels { ["v"] = parts.toMap().values.map((p) -> p.value).join(",") } } }
                """);
        assertThat(run()).isEqualTo(new Run(Map.of("v", "a"), true));
        assertThat(run().pklStarted()).isFalse();

        write(root, "cells/web/parts/b.pkl", "value = \"b\"\n");

        assertThat(run()).isEqualTo(new Run(Map.of("v", "a,b"), true));
    }

    @Test
    void aNewFileMatchingAReadGlobIsAMiss() {
        write(root, "cells/web/data/a.txt", "a");
        ociImages(root, "web", """
                local data = read*("data/*.txt")

                images { ["api"] { labels { ["v"] = data.toMap().values.map((r) -> r.text).join(",") } } }
                """);
        assertThat(run()).isEqualTo(new Run(Map.of("v", "a"), true));
        assertThat(run().pklStarted()).isFalse();

        write(root, "cells/web/data/b.txt", "b");

        assertThat(run()).isEqualTo(new Run(Map.of("v", "a,b"), true));
    }

    @Test
    void aChangedPropertyIsAMiss() {
        ociImages(root, "web", "images { [\"api\"] { labels { [\"v\"] = read(\"prop:channel\") } } }\n");
        assertThat(run(Map.of("channel", "stable"), cache)).isEqualTo(new Run(Map.of("v", "stable"), true));
        assertThat(run(Map.of("channel", "stable"), cache)).isEqualTo(new Run(Map.of("v", "stable"), false));

        assertThat(run(Map.of("channel", "beta"), cache)).isEqualTo(new Run(Map.of("v", "beta"), true));
    }

    @Test
    void aCorruptOrTruncatedEntryIsAMissAndIsRewritten() throws IOException {
        ociImages(root, "web", "images { [\"api\"] { labels { [\"v\"] = \"1\" } } }\n");
        run();

        for (Path entry : entries()) {
            Files.write(entry, new byte[] {0, 7, 'g', 'a', 'r', 'b', 'a', 'g', 'e'});
        }
        assertThat(run()).isEqualTo(new Run(Map.of("v", "1"), true));

        for (Path entry : entries()) {
            byte[] whole = Files.readAllBytes(entry);
            Files.write(entry, java.util.Arrays.copyOf(whole, whole.length - 10));
        }
        assertThat(run()).isEqualTo(new Run(Map.of("v", "1"), true));

        assertThat(run()).isEqualTo(new Run(Map.of("v", "1"), false));
    }

    @Test
    void anEntryHoldingAClassOutsidePklsValuesIsRefused() throws IOException {
        Path block = ociImages(root, "web", "images { [\"api\"] { labels { [\"v\"] = \"1\" } } }\n");
        PClassInfo<?> forgedClass = PClassInfo.forModuleClass("forged", block.toUri());
        PModule plain = new PModule(block.toUri(), "forged", forgedClass, Map.of("images", List.of("x")));
        PModule withDate = new PModule(block.toUri(), "forged", forgedClass, Map.of("images", new Date(0)));
        Files.createDirectories(cache);

        try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
            Path entry = workspace.pkl().cache().orElseThrow().entry(block);
            Files.write(entry, entryWithoutInputs(plain));
            assertThat(workspace.pkl().evaluate(block)).isEqualTo(plain); // what a forged entry could do
            assertThat(workspace.pkl().started()).isZero();

            Files.write(entry, entryWithoutInputs(withDate));
            assertThat(workspace.pkl().evaluate(block).getModuleName()).isNotEqualTo("forged");
            assertThat(workspace.pkl().started()).isEqualTo(1);
        }
    }

    @Test
    void anUnwritableCacheDirectoryOnlyMeansNothingIsKept() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "not a directory");
        ociImages(root, "web", "images { [\"api\"] { labels { [\"v\"] = \"1\" } } }\n");

        assertThat(run(Map.of(), notADirectory.resolve("pkl"))).isEqualTo(new Run(Map.of("v", "1"), true));
        assertThat(run(Map.of(), notADirectory.resolve("pkl"))).isEqualTo(new Run(Map.of("v", "1"), true));
    }

    @Test
    void anEvaluationErrorIsNotCachedAndReadsAsWithoutACache() {
        ociImages(root, "web", "images { [\"api\"] { ports { \"http\" } } }\n");
        String uncached;
        try (Workspace workspace = Workspace.locate(root)) {
            uncached = message(workspace);
        }

        for (int i = 0; i < 2; i++) {
            try (Workspace workspace = Workspace.locate(root, Map.of(), Optional.of(cache))) {
                assertThat(message(workspace)).isEqualTo(uncached).startsWith("cells/web/oci-images.pkl:3:");
                assertThat(workspace.pkl().started()).isEqualTo(1);
            }
        }

        ociImages(root, "web", "images { [\"api\"] { labels { [\"v\"] = \"fixed\" } } }\n");
        assertThat(run()).isEqualTo(new Run(Map.of("v", "fixed"), true));
        assertThat(run()).isEqualTo(new Run(Map.of("v", "fixed"), false));
    }

    private static String message(Workspace workspace) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(workspace::targets).isInstanceOf(WorkspaceException.class).satisfies(e -> thrown[0] = e);
        return thrown[0].getMessage();
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    /** An entry as {@link EvaluationCache} writes one, that no input can make stale. */
    private static byte[] entryWithoutInputs(PModule module) throws IOException {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(value)) {
            out.writeObject(module);
        }
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(entry)) {
            out.writeUTF(EvaluationCache.FORMAT);
            out.writeInt(0);
            out.writeInt(value.size());
            value.writeTo(out);
        }
        return entry.toByteArray();
    }

    /** The examples workspace, with a stand-in for the program {@code make} builds for hello. */
    private Path examples() throws IOException {
        Path copy = copy(EXAMPLES, dir.resolve("examples"));
        write(copy, "cells/hello/bin/hello", "a stand-in");
        return copy;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to.toRealPath();
    }
}
