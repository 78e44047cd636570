package dev.cairn.packaging.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.derivation.Derivation;
import dev.cairn.packaging.derivation.InputTree;
import dev.cairn.packaging.sandbox.Sandbox;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derivations built for real in bubblewrap, with a root filesystem of static busybox. */
@Tag("integration")
class DerivationBuilderTest {
    @TempDir
    Path temp;

    private Store store;
    private DerivationBuilder builder;
    private StorePath rootfs;
    private StorePath source;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void storeWithBusyboxAndASource() throws IOException {
        store = Store.open(temp.resolve("store"));
        builder = new DerivationBuilder(store, Sandbox.find(System.getenv("PATH")), temp.resolve("cache"));
        Path tree = Files.createDirectories(temp.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), tree.resolve("busybox"));
        for (String tool : List.of("sh", "cat", "echo", "mkdir", "cp", "ls", "date", "head", "od", "tr")) {
            Files.createSymbolicLink(tree.resolve(tool), Path.of("busybox"));
        }
        rootfs = store.add(temp.resolve("rootfs"), "busybox-rootfs").path();
        Path src = Files.createDirectories(temp.resolve("src"));
        Files.writeString(src.resolve("greeting.txt"), "hello from the source\n");
        source = store.add(src, "hello-source").path();
    }

    private Derivation derivation(String script) {
        return new Derivation("hello-1.0", "x86_64-linux", List.of("/bin/sh", "-c", script),
                new TreeMap<>(Map.of("src", source.toString(), "GREETING", "hi")), new TreeSet<>(Set.of(rootfs, source)),
                List.of(rootfs), 1);
    }

    @Test
    void aBuildWritesItsOutputAtThePathItsDescriptionNamesAndRunsOnce() {
        Derivation derivation = derivation("""
                mkdir -p $out/share
                cat greeting.txt > $out/share/greeting
                echo "$GREETING, I live at $out" > $out/share/where
                """);

        BuildOutcome first = builder.build(derivation, log::add);
        BuildOutcome second = builder.build(derivation, log::add);

        assertThat(first.reused()).isFalse();
        assertThat(first.output().path()).isEqualTo(derivation.outputPath());
        assertThat(store.physicalPath(derivation.outputPath()).resolve("share/greeting")).hasContent("hello from the source");
        assertThat(first.output().references()).containsExactly(derivation.outputPath());
        assertThat(second.reused()).isTrue();
        assertThat(second.output()).isEqualTo(first.output());
        assertThat(scratchLeft()).isEmpty();
    }

    @Test
    void theCheckPassesForADeterministicBuildAndNamesTheFirstDifferenceOtherwise() {
        Derivation steady = derivation("mkdir -p $out && cat greeting.txt > $out/a");
        builder.build(steady, log::add);
        ObjectInfo checked = builder.check(steady, log::add);
        assertThat(checked.path()).isEqualTo(steady.outputPath());

        Derivation random = derivation("mkdir -p $out/z && echo same > $out/a && head -c 16 /dev/urandom | od -x > $out/z/noise");
        builder.build(random, log::add);

        assertThatThrownBy(() -> builder.check(random, log::add))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("not reproducible")
                .hasMessageContaining("z/noise: content differs");
        assertThat(scratchLeft()).isEmpty();
    }

    @Test
    void aFailedBuildReportsTheEndOfItsLogAndLeavesNothingInTheStore() {
        Derivation failing = derivation("echo compiling; echo 'error: no such thing' >&2; mkdir -p $out; exit 3");
        int objectsBefore = store.validPaths().size();

        assertThatThrownBy(() -> builder.build(failing, log::add))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("hello-1.0 failed with exit code 3")
                .hasMessageContaining("error: no such thing");

        assertThat(store.isValid(failing.outputPath())).isFalse();
        assertThat(store.validPaths()).hasSize(objectsBefore);
        assertThat(scratchLeft()).isEmpty();
    }

    @Test
    void aMissingInputIsNamedBeforeAnythingRuns() {
        StorePath absent = StorePath.parse("/cairn/store/0c9yp7jw5nrwk7mk0fs6z0ydzq8kpx1d-absent");
        Derivation derivation = new Derivation("x-1", "x86_64-linux", List.of("/bin/sh", "-c", "true"), new TreeMap<>(),
                new TreeSet<>(Set.of(rootfs, absent)), List.of(rootfs), 1);

        assertThatThrownBy(() -> builder.build(derivation, log::add))
                .hasMessageContaining(absent.toString())
                .hasMessageContaining("not in the store");
    }

    @Test
    void aBuildSeesItsInputTreeReadOnlyAtItsPathAndTheTreesObjectsNowhereElse() throws IOException {
        Path jarFile = Files.writeString(temp.resolve("lib-1.0.jar"), "not really a jar\n");
        StorePath jar = store.add(jarFile, "lib-1.0.jar").path();
        Path docs = Files.createDirectories(temp.resolve("docs/html"));
        Files.writeString(docs.resolve("index.html"), "<p>docs</p>\n");
        StorePath docsObject = store.add(temp.resolve("docs"), "lib-docs").path();
        Derivation derivation = new Derivation("tree-1", "x86_64-linux", List.of("/bin/sh", "-c", """
                mkdir -p $out
                cat /cairn/repository/org/lib/1.0/lib-1.0.jar /cairn/repository/org/lib/docs/html/index.html > $out/seen
                if echo changed > /cairn/repository/org/lib/1.0/lib-1.0.jar; then echo tree-written >> $out/seen; fi
                if [ -e %s ]; then echo object-at-store-path >> $out/seen; fi
                ls /cairn/store > $out/store-listing
                """.formatted(jar)), new TreeMap<>(), new TreeSet<>(Set.of(rootfs, jar, docsObject)), List.of(rootfs), 1)
                .withTrees(List.of(new InputTree("/cairn/repository", new TreeMap<>(Map.of(
                        "org/lib/1.0/lib-1.0.jar", jar, "org/lib/docs", docsObject)))));

        BuildOutcome built = builder.build(derivation, log::add);

        Path out = store.physicalPath(built.output().path());
        assertThat(out.resolve("seen")).hasContent("not really a jar\n<p>docs</p>");
        assertThat(out.resolve("store-listing")).hasContent(rootfs.baseName() + "\n" + derivation.outputPath().baseName());
        assertThat(store.physicalPath(jar)).hasContent("not really a jar");
        // Made once, under the hash of its entries, and used again by the next build with the same tree.
        assertThat(temp.resolve("cache/trees")).isDirectoryContaining(path -> !path.getFileName().toString().startsWith("."));
        assertThat(scratchLeft()).isEmpty();
    }

    @Test
    void aBuildWithAnInputTreeIsRefusedOnTheHost() throws IOException {
        StorePath jar = store.add(Files.writeString(temp.resolve("lib-2.0.jar"), "jar"), "lib-2.0.jar").path();
        Derivation derivation = new Derivation("tree-2", "x86_64-linux", List.of("/bin/sh", "-c", "true"), new TreeMap<>(),
                new TreeSet<>(Set.of(rootfs, jar)), List.of(rootfs), 1)
                .withTrees(List.of(new InputTree("/cairn/repository", new TreeMap<>(Map.of("lib-2.0.jar", jar)))));
        DerivationBuilder host = DerivationBuilder.onHost(store, HostBuild.where(store.root(), store.root(),
                System.getenv("PATH")), temp.resolve("cache"));

        assertThatThrownBy(() -> host.build(derivation, log::add))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("--no-sandbox cannot run the build of tree-2")
                .hasMessageContaining("/cairn/repository");
        assertThat(store.isValid(derivation.withoutSandbox().outputPath())).isFalse();
        assertThat(scratchLeft()).isEmpty();
    }

    private List<Path> scratchLeft() {
        Path tmp = temp.resolve("cache/tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
