package dev.cairn.packaging.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.packaging.PackagingException;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilterTest {
    private static final boolean FILE = false;
    private static final boolean DIRECTORY = true;

    @TempDir
    Path temp;

    private static SourceFilter excluding(String... patterns) {
        return SourceFilter.excluding(List.of(patterns));
    }

    @Test
    void aPatternWithoutASlashMatchesANameAtAnyDepth() {
        SourceFilter filter = excluding("*.log", "build");

        assertThat(filter.keeps("server.log", FILE)).isFalse();
        assertThat(filter.keeps("a/b/server.log", FILE)).isFalse();
        assertThat(filter.keeps("a/build", DIRECTORY)).isFalse();
        assertThat(filter.keeps("a/build", FILE)).isFalse();
        assertThat(filter.keeps("server.log.txt", FILE)).isTrue();
        assertThat(filter.keeps("logs", DIRECTORY)).isTrue();
        assertThat(filter.keeps("builds", DIRECTORY)).isTrue();
    }

    @Test
    void aPatternWithASlashIsAnchoredToTheSourceRoot() {
        SourceFilter filter = excluding("docs/*.md", "/scratch");

        assertThat(filter.keeps("docs/intro.md", FILE)).isFalse();
        assertThat(filter.keeps("scratch", DIRECTORY)).isFalse();
        assertThat(filter.keeps("web/docs/intro.md", FILE)).as("anchored").isTrue();
        assertThat(filter.keeps("docs/guide/intro.md", FILE)).as("* stops at /").isTrue();
        assertThat(filter.keeps("src/scratch", DIRECTORY)).isTrue();
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnlyAndALinkIsNeverOne() {
        SourceFilter filter = excluding("out/", "gen/cache/");

        assertThat(filter.keeps("out", DIRECTORY)).isFalse();
        assertThat(filter.keeps("module/out", DIRECTORY)).isFalse();
        assertThat(filter.keeps("gen/cache", DIRECTORY)).isFalse();
        assertThat(filter.keeps("out", FILE)).as("a file or a link named out").isTrue();
        assertThat(filter.keeps("gen/cache", FILE)).isTrue();
        assertThat(filter.keeps("x/gen/cache", DIRECTORY)).as("anchored").isTrue();
    }

    @Test
    void doubleStarAsAWholeStepSpansAnyNumberOfDirectories() {
        SourceFilter filter = excluding("**/generated", "a/**/z.txt", "docs/**", "x**y");

        assertThat(filter.keeps("generated", DIRECTORY)).isFalse();
        assertThat(filter.keeps("src/main/generated", DIRECTORY)).isFalse();
        assertThat(filter.keeps("a/z.txt", FILE)).isFalse();
        assertThat(filter.keeps("a/b/c/z.txt", FILE)).isFalse();
        assertThat(filter.keeps("b/a/z.txt", FILE)).isTrue();
        assertThat(filter.keeps("docs/intro.md", FILE)).isFalse();
        assertThat(filter.keeps("docs/guide/intro.md", FILE)).isFalse();
        assertThat(filter.keeps("docs", DIRECTORY)).as("docs/** is what is inside docs").isTrue();
        assertThat(filter.keeps("d/x--y", FILE)).as("** inside a name is *").isFalse();
    }

    @Test
    void questionMarksAndSetsMatchOneCharacter() {
        SourceFilter filter = excluding("?.o", "[ab].tmp", "[!0-9]x");

        assertThat(filter.keeps("m.o", FILE)).isFalse();
        assertThat(filter.keeps("mm.o", FILE)).isTrue();
        assertThat(filter.keeps("a.tmp", FILE)).isFalse();
        assertThat(filter.keeps("c.tmp", FILE)).isTrue();
        assertThat(filter.keeps("qx", FILE)).isFalse();
        assertThat(filter.keeps("7x", FILE)).isTrue();
    }

    @Test
    void versionControlDataAndEditorLeftoversAreAlwaysLeftOut() {
        SourceFilter filter = excluding();

        assertThat(filter.keeps(".git", DIRECTORY)).isFalse();
        assertThat(filter.keeps(".git", FILE)).as("a worktree's .git file").isFalse();
        assertThat(filter.keeps("vendor/lib/.hg", DIRECTORY)).isFalse();
        assertThat(filter.keeps(".svn", DIRECTORY)).isFalse();
        assertThat(filter.keeps(".jj", DIRECTORY)).isFalse();
        assertThat(filter.keeps("src/main.c~", FILE)).isFalse();
        assertThat(filter.keeps("src/.main.c.swp", FILE)).isFalse();
        assertThat(filter.keeps("src/.#main.c", FILE)).isFalse();
        assertThat(filter.keeps(".gitignore", FILE)).isTrue();
        assertThat(filter.keeps("src/main.c", FILE)).isTrue();
    }

    @Test
    void eachBuilderLeavesOutWhatItMakesItselfAndExcludeAddsToTheDefaults() throws IOException {
        Path source = Files.createDirectories(temp.resolve("app"));
        Files.writeString(source.resolve("pom.xml"), "<project/>");
        Files.writeString(source.resolve("package.json"), "{}");
        Files.writeString(source.resolve("package-lock.json"), "{}");
        MavenBuild maven = new MavenBuild("orders", "1", source, List.of("*.log"), List.of(), Map.of(), List.of(),
                null, null, List.of());
        NpmBuild npm = new NpmBuild("web", "1", source, List.of(), List.of(), Map.of(), List.of(), true);
        CommandBuild command = new CommandBuild("tool", "1", source, List.of(), List.of(), Map.of(), "true", null);

        assertThat(maven.sourceFilter().keeps("module/target", DIRECTORY)).isFalse();
        assertThat(maven.sourceFilter().keeps("server.log", FILE)).isFalse();
        assertThat(maven.sourceFilter().keeps(".git", DIRECTORY)).isFalse();
        assertThat(npm.sourceFilter().keeps("node_modules", DIRECTORY)).isFalse();
        assertThat(npm.sourceFilter().keeps("target", DIRECTORY)).isTrue();
        assertThat(command.sourceFilter().keeps("node_modules", DIRECTORY)).isTrue();
        assertThat(command.sourceFilter().keeps("target", DIRECTORY)).isTrue();
    }

    @Test
    void aSourceWithBuildLeftoversIsTheSameStoreObjectAsACleanCheckout() throws IOException {
        Store store = Store.open(temp.resolve("store"));
        Path clean = mavenProject(temp.resolve("clean"));
        Path used = mavenProject(temp.resolve("used"));
        Files.createDirectories(used.resolve("target/classes"));
        Files.writeString(used.resolve("target/classes/App.class"), "junk");
        Files.createDirectories(used.resolve("api/target"));
        Files.createDirectories(used.resolve(".git/refs"));
        Files.writeString(used.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(used.resolve("build.log"), "[INFO] BUILD SUCCESS\n");
        Files.writeString(used.resolve("src/App.java~"), "class App { int old; }\n");
        Files.createDirectories(used.resolve("src/empty"));
        MavenBuild fromClean = maven(clean);
        MavenBuild fromUsed = maven(used);

        StorePath cleanSource = store.add(clean, "orders-source", fromClean.sourceFilter()).path();
        StorePath usedSource = store.add(used, "orders-source", fromUsed.sourceFilter()).path();

        assertThat(usedSource).isEqualTo(cleanSource);
        assertThat(store.physicalPath(usedSource).resolve("src/App.java")).exists();
        Files.writeString(used.resolve("src/App.java"), "class App { int changed; }\n");
        assertThat(store.add(used, "orders-source", fromUsed.sourceFilter()).path()).isNotEqualTo(cleanSource);
    }

    private static Path mavenProject(Path root) throws IOException {
        Files.createDirectories(root.resolve("src"));
        Files.createDirectories(root.resolve("api"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.writeString(root.resolve("api/pom.xml"), "<project/>\n");
        Files.writeString(root.resolve("src/App.java"), "class App {}\n");
        return root;
    }

    private static MavenBuild maven(Path source) {
        return new MavenBuild("orders", "1", source, List.of("*.log"), List.of(), Map.of(), List.of(), null, null,
                List.of());
    }

    @Test
    void whatIsNotAPatternIsRefusedNamingIt() {
        for (String pattern : List.of("", " target", "!keep.log", "a\\*", "{a,b}", "a//b", "../up", "./here", "/",
                "[unclosed")) {
            assertThatThrownBy(() -> SourceFilter.excluding(List.of(pattern)))
                    .as(pattern)
                    .isInstanceOf(PackagingException.class)
                    .hasMessageStartingWith("exclude pattern '" + pattern + "' ");
        }
        assertThatThrownBy(() -> new CommandBuild("tool", "1", null, List.of("!keep"), List.of(), Map.of(), "true",
                null))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("re-including what another pattern excludes is not supported");
    }
}
