package dev.cairn.packaging.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.derivation.Derivation;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds run on the host ({@code --no-sandbox}) with the host's /bin/sh, against a store of the
 * test's own that stands for /cairn/store ({@link HostBuild#where}): nothing of / is touched.
 */
class HostBuildTest {
    @TempDir
    Path temp;

    private Store store;
    private StorePath source;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void storeWithASource() throws IOException {
        store = Store.open(temp.resolve("store"));
        Path src = Files.createDirectories(temp.resolve("src"));
        Files.writeString(src.resolve("greeting.txt"), "hello from the source\n");
        source = store.add(src, "hello-source").path();
    }

    private Derivation derivation(String script) {
        return new Derivation("hello-1.0", "x86_64-linux", List.of("/bin/sh", "-c", script),
                new TreeMap<>(Map.of("src", source.toString(), "GREETING", "hi")), new TreeSet<>(Set.of(source)),
                List.of(), 1);
    }

    private DerivationBuilder onHost() {
        return DerivationBuilder.onHost(store, HostBuild.where(store.root(), store.root(), System.getenv("PATH")),
                temp.resolve("cache"));
    }

    @Test
    void withoutTheStoreAtCairnStoreTheBuildIsRefusedNamingTheFix() throws IOException {
        Path elsewhere = Files.createDirectories(temp.resolve("other-store"));

        assertThatThrownBy(() -> HostBuild.where(elsewhere, store.root(), "/usr/bin:/bin"))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining(elsewhere + " is another directory")
                .hasMessageContaining("the store is at " + store.root())
                .satisfies(e -> assertThat(((PackagingException) e).hint())
                        .contains("CAIRN_STORE=" + elsewhere)
                        .contains("ln -s " + store.root() + " " + elsewhere));
        assertThatThrownBy(() -> HostBuild.where(temp.resolve("absent"), store.root(), "/usr/bin:/bin"))
                .hasMessageContaining("absent does not exist");
    }

    @Test
    void aLinkToTheStoreCountsAsTheStore() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("link"), store.root());

        assertThat(HostBuild.where(link, store.root(), "/usr/bin:/bin")).isNotNull();
    }

    @Test
    void aHostBuildWarnsTakesAnOutputPathOfItsOwnAndIsMarkedUnsandboxed() throws IOException {
        Derivation derivation = derivation("""
                mkdir -p $out/share $out/bin
                cat greeting.txt > $out/share/greeting
                echo "$GREETING, I live at $out" > $out/share/where
                ln -s $out/share/greeting $out/share/link
                printf 'head\\000%s\\000tail' "$out" > $out/bin/blob
                chmod 555 $out/bin/blob
                echo "$PWD $HOME $TZ $LC_ALL $SOURCE_DATE_EPOCH" > $out/share/environment
                """);

        BuildOutcome built = onHost().build(derivation, log::add);

        StorePath out = derivation.withoutSandbox().outputPath();
        assertThat(out).isNotEqualTo(derivation.outputPath());
        assertThat(built.output().path()).isEqualTo(out);
        assertThat(built.output().unsandboxed()).isTrue();
        assertThat(store.info(out).unsandboxed()).isTrue();
        assertThat(log).anyMatch(line -> line.startsWith("warning: building hello-1.0 WITHOUT the sandbox")
                && line.contains("network") && line.contains("host's files") && line.contains("host's /usr")
                && line.contains("marked unsandboxed"));

        Path object = store.physicalPath(out);
        assertThat(object.resolve("share/greeting")).hasContent("hello from the source");
        // Self-references name the store path, not the scratch directory the build wrote to.
        assertThat(object.resolve("share/where")).hasContent("hi, I live at " + out);
        assertThat(Files.readSymbolicLink(object.resolve("share/link"))).isEqualTo(Path.of(out + "/share/greeting"));
        assertThat(Files.readAllBytes(object.resolve("bin/blob")))
                .isEqualTo(("head\0" + out + "\0tail").getBytes());
        assertThat(built.output().references()).containsExactly(out);
        String environment = Files.readString(object.resolve("share/environment"));
        assertThat(environment).contains("homeless-shelter UTC C.UTF-8 1").startsWith(temp.resolve("cache/tmp").toString());
        assertThat(scratchLeft()).isEmpty();
        assertThat(hostOutputsLeft()).isEmpty();

        BuildOutcome again = onHost().build(derivation, log::add);
        assertThat(again.reused()).isTrue();
    }

    @Test
    void aFailedHostBuildLeavesNothingInTheStoreNorInTmp() {
        Derivation failing = derivation("mkdir -p $out/half && echo written > $out/half/file; echo 'error: no' >&2; exit 4");
        int objectsBefore = store.validPaths().size();

        assertThatThrownBy(() -> onHost().build(failing, log::add))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("hello-1.0 failed with exit code 4")
                .hasMessageContaining("error: no");

        assertThat(store.validPaths()).hasSize(objectsBefore);
        assertThat(store.isValid(failing.withoutSandbox().outputPath())).isFalse();
        assertThat(scratchLeft()).isEmpty();
        assertThat(hostOutputsLeft()).isEmpty();
    }

    @Test
    void theCheckRebuildsOnTheHostAndComparesWithTheUnsandboxedOutput() {
        Derivation steady = derivation("mkdir -p $out && echo $out > $out/self");
        DerivationBuilder builder = onHost();
        builder.build(steady, log::add);

        ObjectInfo checked = builder.check(steady, log::add);

        assertThat(checked.path()).isEqualTo(steady.withoutSandbox().outputPath());
    }

    private List<Path> scratchLeft() {
        return list(temp.resolve("cache/tmp"), "");
    }

    private List<Path> hostOutputsLeft() {
        return list(BuildScratch.HOST_OUTPUT_PARENT, "cairn-" + ProcessHandle.current().pid() + ".hello-1.0-");
    }

    private static List<Path> list(Path directory, String prefix) {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
