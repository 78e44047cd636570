package dev.cairn.packaging.derivation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.StorePath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DerivationTest {
    private static final StorePath SRC = StorePath.parse("/cairn/store/0c9yp7jw5nrwk7mk0fs6z0ydzq8kpx1d-src");
    private static final StorePath LIBC = StorePath.parse("/cairn/store/1gmz0mjqjb5fcy6xdq4jm7nvh7p9zyg1-libc6-2.36-9");

    private static Derivation hello(Map<String, String> env, List<StorePath> inputs) {
        return new Derivation("hello-1.0", "x86_64-linux", List.of("/bin/sh", "-c", "make install"),
                new TreeMap<>(env), new TreeSet<>(inputs), List.of(LIBC), 1);
    }

    @Test
    void theSameDescriptionNamesTheSameOutputWhateverTheOrderItWasGivenIn() {
        Derivation a = hello(Map.of("A", "1", "B", "2"), List.of(SRC, LIBC));
        Derivation b = hello(Map.of("B", "2", "A", "1"), List.of(LIBC, SRC));

        assertThat(b.canonical()).isEqualTo(a.canonical());
        assertThat(b.outputPath()).isEqualTo(a.outputPath());
        assertThat(a.outputPath().name()).isEqualTo("hello-1.0");
        assertThat(a.canonical()).startsWith("{\"builder\":[\"/bin/sh\",\"-c\",\"make install\"],\"env\":{\"A\":\"1\"");
    }

    @Test
    void anyChangeToTheDescriptionNamesAnotherOutput() {
        Derivation base = hello(Map.of("A", "1"), List.of(SRC, LIBC));

        assertThat(Set.of(
                hello(Map.of("A", "2"), List.of(SRC, LIBC)).outputPath(),
                hello(Map.of("A", "1"), List.of(LIBC)).outputPath(),
                new Derivation("hello-1.0", "aarch64-linux", base.builder(), base.env(), base.inputs(), base.rootfs(), 1)
                        .outputPath(),
                new Derivation("hello-1.0", base.system(), List.of("/bin/sh", "-c", "make"), base.env(), base.inputs(),
                        base.rootfs(), 1).outputPath(),
                new Derivation("hello-1.0", base.system(), base.builder(), base.env(), base.inputs(), base.rootfs(), 2)
                        .outputPath()))
                .hasSize(5)
                .doesNotContain(base.outputPath());
    }

    @Test
    void anUnsandboxedBuildNamesAnotherOutputAndASandboxedDescriptionDoesNotMentionTheSandbox() {
        Derivation sandboxed = hello(Map.of("A", "1"), List.of(SRC, LIBC));
        Derivation unsandboxed = sandboxed.withoutSandbox();

        assertThat(sandboxed.sandboxed()).isTrue();
        assertThat(unsandboxed.sandboxed()).isFalse();
        assertThat(unsandboxed.outputPath()).isNotEqualTo(sandboxed.outputPath());
        assertThat(unsandboxed.outputPath().name()).isEqualTo("hello-1.0");
        // Byte for byte the description before --no-sandbox existed: sandboxed outputs keep their paths.
        assertThat(sandboxed.canonical()).isEqualTo("{\"builder\":[\"/bin/sh\",\"-c\",\"make install\"],"
                + "\"env\":{\"A\":\"1\"},\"format\":1,\"inputs\":[\"" + SRC + "\",\"" + LIBC + "\"],"
                + "\"name\":\"hello-1.0\",\"rootfs\":[\"" + LIBC + "\"],\"sourceDateEpoch\":1,"
                + "\"system\":\"x86_64-linux\"}");
        assertThat(unsandboxed.canonical()).contains("\"sandbox\":false");
    }

    @Test
    void outIsTheBuildsOwnAndTheRootfsMustBeDeclared() {
        assertThatThrownBy(() -> hello(Map.of("out", "/tmp"), List.of(SRC, LIBC)))
                .hasMessageContaining("'out'");
        assertThatThrownBy(() -> hello(Map.of(), List.of(SRC)))
                .hasMessageContaining("rootfs");
    }

    @Test
    void anInputTreeIsPartOfTheDescriptionAndItsObjectsAreSeenOnlyInIt() {
        StorePath jar = StorePath.parse("/cairn/store/2gmz0mjqjb5fcy6xdq4jm7nvh7p9zyg1-jackson-core-2.21.jar");
        Derivation plain = hello(Map.of(), List.of(SRC, LIBC, jar));
        Derivation tree = plain.withTrees(List.of(new InputTree("/cairn/maven-repository",
                new TreeMap<>(Map.of("com/fasterxml/jackson-core-2.21.jar", jar)))));
        Derivation moved = plain.withTrees(List.of(new InputTree("/cairn/maven-repository",
                new TreeMap<>(Map.of("com/fasterxml/jackson-core-2.21.0.jar", jar)))));

        assertThat(plain.canonical()).doesNotContain("trees");
        assertThat(tree.canonical()).contains("\"trees\":[{\"entries\":{\"com/fasterxml/jackson-core-2.21.jar\":\""
                + jar + "\"},\"path\":\"/cairn/maven-repository\"}]");
        assertThat(Set.of(plain.outputPath(), tree.outputPath(), moved.outputPath())).hasSize(3);
        assertThat(tree.atStorePaths()).containsExactlyInAnyOrder(SRC, LIBC);
        assertThat(plain.atStorePaths()).containsExactlyInAnyOrder(SRC, LIBC, jar);
        assertThat(tree.withoutSandbox().trees()).isEqualTo(tree.trees());

        assertThatThrownBy(() -> hello(Map.of(), List.of(SRC, LIBC)).withTrees(tree.trees()))
                .hasMessageContaining("must also be an input");
        assertThatThrownBy(() -> plain.withTrees(List.of(tree.trees().getFirst(), tree.trees().getFirst())))
                .hasMessageContaining("two input trees");
    }

    @Test
    void anInputTreeLiesBesideTheStoreAndItsEntriesAreNormalAndDisjoint() {
        StorePath jar = StorePath.parse("/cairn/store/2gmz0mjqjb5fcy6xdq4jm7nvh7p9zyg1-jackson-core-2.21.jar");
        for (String path : List.of("/build/repository", "/cairn/store/repository", "/cairn/../etc", "cairn/x", "/cairn/")) {
            assertThatThrownBy(() -> new InputTree(path, new TreeMap<>()))
                    .as(path).hasMessageContaining("under /cairn/");
        }
        for (String entry : List.of("../x.jar", "/abs.jar", "a//b.jar", "a/./b.jar", "")) {
            assertThatThrownBy(() -> new InputTree("/cairn/repository", new TreeMap<>(Map.of(entry, jar))))
                    .as(entry).hasMessageContaining("normal relative path");
        }
        assertThatThrownBy(() -> new InputTree("/cairn/repository", new TreeMap<>(Map.of("a", jar, "a/b.jar", SRC))))
                .hasMessageContaining("overlap");
    }
}
