package dev.cairn.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.image.ImageRecipe;
import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layer.LayerEntry;
import dev.cairn.oci.layout.LayoutOutput;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePlannerTest {
    @TempDir
    Path temp;

    Store store;

    @BeforeEach
    void openStore() {
        store = Store.open(temp.resolve("store"));
    }

    @Test
    void storeObjectsBringTheirClosureInLayersOfTheirOwn() throws IOException {
        ObjectInfo lib = store.add(Files.writeString(temp.resolve("lib"), "library"), "lib");
        ObjectInfo app = store.add(Files.writeString(temp.resolve("app"), "#!/bin/sh\nexec " + lib.path()), "app");
        ImageSpec spec = spec(List.of(new Content(new ContentSource.StoreObject(app.path()), "/bin/app", null, 0, 0)));

        ImageRecipe recipe = new ImagePlanner(store).plan(spec, Compression.GZIP, MediaTypes.OCI_MANIFEST);

        assertThat(recipe.layers()).hasSize(3);
        assertThat(paths(recipe.layers().get(0))).contains(app.path().toString().substring(1));
        assertThat(paths(recipe.layers().get(1))).contains(lib.path().toString().substring(1));
        LayerEntry link = recipe.layers().get(2).contents().entries().stream()
                .filter(e -> e.path().equals("bin/app")).findFirst().orElseThrow();
        assertThat(link.linkTarget()).isEqualTo(app.path().toString());
    }

    @Test
    void aStoreTreeIsLaidAtItsPathInALayerOfItsOwnAndAnEmptyDirectoryKeepsItsMode() throws IOException {
        Path rootfs = Files.createDirectories(temp.resolve("pkg/usr/bin"));
        Files.writeString(rootfs.resolve("tool"), "#!/bin/sh\n");
        rootfs.resolve("tool").toFile().setExecutable(true);
        ObjectInfo pkg = store.add(temp.resolve("pkg"), "tool-1.0");
        ImageSpec spec = spec(List.of(
                new Content(new ContentSource.StoreTree(pkg.path(), "debian tool 1.0"), "/", null, 0, 0),
                new Content(new ContentSource.EmptyDirectory(), "/tmp", 01777, 0, 0)));

        ImageRecipe recipe = new ImagePlanner(store).plan(spec, Compression.GZIP, MediaTypes.OCI_MANIFEST);

        assertThat(recipe.layers()).hasSize(2);
        assertThat(paths(recipe.layers().get(0))).contains("usr/bin/tool").noneMatch(p -> p.startsWith("cairn"));
        assertThat(recipe.layers().get(0).createdBy()).contains("debian tool 1.0");
        LayerEntry tmp = recipe.layers().get(1).contents().entries().getFirst();
        assertThat(tmp.path()).isEqualTo("tmp");
        assertThat(tmp.mode()).isEqualTo(01777);
    }

    @Test
    void pastMaxLayersTheMostDependedOnPartsKeepTheirLayersAndTheRestShareOne() throws IOException {
        // base <- lib <- app, base <- tool: base is depended on by three, lib by one, app and tool by none.
        ObjectInfo base = store.add(Files.writeString(temp.resolve("base"), "base"), "base");
        ObjectInfo lib = store.add(Files.writeString(temp.resolve("lib"), "uses " + base.path()), "lib");
        ObjectInfo app = store.add(Files.writeString(temp.resolve("app"), "uses " + lib.path()), "app");
        ObjectInfo tool = store.add(Files.writeString(temp.resolve("tool"), "uses " + base.path()), "tool");
        Path libc = Files.createDirectories(temp.resolve("libc/usr/lib"));
        Files.writeString(libc.resolve("libc.so.6"), "libc");
        ObjectInfo libcTree = store.add(temp.resolve("libc"), "libc6");
        Path zlib = Files.createDirectories(temp.resolve("zlib/usr/lib"));
        Files.writeString(zlib.resolve("libz.so.1"), "zlib");
        ObjectInfo zlibTree = store.add(temp.resolve("zlib"), "zlib1g");
        List<Content> contents = List.of(
                new Content(new ContentSource.StoreObject(app.path()), app.path().toString(), null, 0, 0),
                new Content(new ContentSource.StoreObject(tool.path()), tool.path().toString(), null, 0, 0),
                new Content(new ContentSource.PackageTree(libcTree.path(), "libc6", "debian libc6 1", 5), "/", null, 0, 0),
                new Content(new ContentSource.PackageTree(zlibTree.path(), "zlib1g", "debian zlib1g 1", 1), "/", null, 0, 0),
                new Content(new ContentSource.EmptyDirectory(), "/tmp", 01777, 0, 0));

        // 4 store objects + 2 packages + /tmp: 7 layers unbounded; 4 allowed: /tmp, a merged one, and two own.
        ImageRecipe recipe = new ImagePlanner(store).plan(withMaxLayers(spec(contents), 4), Compression.GZIP,
                MediaTypes.OCI_MANIFEST);
        ImageRecipe unbounded = new ImagePlanner(store).plan(spec(contents), Compression.GZIP, MediaTypes.OCI_MANIFEST);

        assertThat(unbounded.layers()).hasSize(7);
        assertThat(recipe.layers()).extracting(ImageRecipe.RecipeLayer::createdBy).containsExactly(
                "cairn store " + base.path(),
                "cairn contents debian libc6 1 (" + libcTree.path() + ") -> /",
                "cairn: 4 less depended-on parts, merged",
                "cairn contents empty directory -> /tmp");
        assertThat(paths(recipe.layers().get(2))).contains(lib.path().toString().substring(1),
                app.path().toString().substring(1), tool.path().toString().substring(1), "usr/lib/libz.so.1");
        ImageRecipe again = new ImagePlanner(store).plan(withMaxLayers(spec(contents), 4), Compression.GZIP,
                MediaTypes.OCI_MANIFEST);
        assertThat(again.layers()).extracting(ImagePlannerTest::paths)
                .isEqualTo(recipe.layers().stream().map(ImagePlannerTest::paths).toList());
    }

    @Test
    void additionsPastMaxLayersMergeAmongThemselvesAndLeaveEveryEarlierLayerAsItWas() throws IOException {
        ObjectInfo app = store.add(Files.writeString(temp.resolve("app"), "app"), "app");
        List<Content> contents = List.of(
                new Content(new ContentSource.StoreObject(app.path()), app.path().toString(), null, 0, 0),
                packageTree("libc6", 3),
                new Content(new ContentSource.EmptyDirectory(), "/tmp", 01777, 0, 0));
        List<Content> additions = List.of(packageTree("libc6", 3), packageTree("procps", 0), packageTree("libproc", 1),
                packageTree("ncurses", 2), new Content(new ContentSource.Symlink("/bin/bash"), "/bin/debug", null, 0, 0));
        ImageSpec standard = withMaxLayers(spec(contents), 6);
        ImageSpec debug = withAdditions(standard, additions);

        List<ImageRecipe.RecipeLayer> standardLayers = new ImagePlanner(store).plan(standard, Compression.GZIP,
                MediaTypes.OCI_MANIFEST).layers();
        List<ImageRecipe.RecipeLayer> debugLayers = new ImagePlanner(store).plan(debug, Compression.GZIP,
                MediaTypes.OCI_MANIFEST).layers();

        // 3 standard layers; libc6 is there already; 3 new packages and the link in the 3 layers left.
        assertThat(debugLayers).hasSize(6);
        assertThat(debugLayers.subList(0, 3)).extracting(ImagePlannerTest::fingerprint)
                .isEqualTo(standardLayers.stream().map(ImagePlannerTest::fingerprint).toList());
        assertThat(debugLayers.subList(3, 6)).extracting(ImageRecipe.RecipeLayer::createdBy).containsExactly(
                "cairn contents debian ncurses 1 (" + tree("ncurses") + ") -> /",
                "cairn: 2 less depended-on parts, merged",
                "cairn contents link to /bin/bash -> /bin/debug");
    }

    @Test
    void anAddedStoreObjectBringsOnlyTheObjectsOfItsClosureTheContentsLack() throws IOException {
        // A debug shell naming a tool and the service: the service is the standard part's already.
        ObjectInfo app = store.add(Files.writeString(temp.resolve("app"), "app"), "app");
        ObjectInfo tool = store.add(Files.writeString(temp.resolve("tool"), "tool"), "tool");
        ObjectInfo shell = store.add(Files.writeString(temp.resolve("shell"), "PATH=" + tool.path() + ":" + app.path()),
                "debug-app");
        ImageSpec standard = spec(List.of(new Content(new ContentSource.StoreObject(app.path()), app.path().toString(),
                null, 0, 0)));
        ImageSpec debug = withAdditions(standard, List.of(
                new Content(new ContentSource.StoreObject(shell.path()), shell.path().toString(), null, 0, 0),
                new Content(new ContentSource.Symlink(shell.path().toString()), "/bin/debug", null, 0, 0)));

        List<ImageRecipe.RecipeLayer> layers = new ImagePlanner(store).plan(debug, Compression.GZIP,
                MediaTypes.OCI_MANIFEST).layers();

        List<String> history = layers.stream().map(ImageRecipe.RecipeLayer::createdBy).toList();
        assertThat(history).hasSize(4).startsWith("cairn store " + app.path())
                .endsWith("cairn contents link to " + shell.path() + " -> /bin/debug");
        // In store path order, like the standard part's objects.
        assertThat(history.subList(1, 3)).containsExactlyInAnyOrder("cairn store " + shell.path(),
                "cairn store " + tool.path());
    }

    @Test
    void additionsThatCannotFitEvenMergedAreRefusedRatherThanReshapingTheStandardLayers() throws IOException {
        List<Content> contents = List.of(packageTree("libc6", 0), new Content(new ContentSource.EmptyDirectory(), "/tmp",
                01777, 0, 0));
        ImageSpec debug = withAdditions(withMaxLayers(spec(contents), 3), List.of(packageTree("procps", 0),
                new Content(new ContentSource.Symlink("/bin/bash"), "/bin/debug", null, 0, 0)));

        assertThatThrownBy(() -> new ImagePlanner(store).plan(debug, Compression.GZIP, MediaTypes.OCI_MANIFEST))
                .isInstanceOf(ImageException.class)
                .hasMessage("image 'demo': its standard part takes 2 of its 3 layers (maxLayers), which leaves 1 for its"
                        + " debug additions; they need at least 2")
                .satisfies(e -> assertThat(((ImageException) e).hint()).contains("raise maxLayers of this image and of its"
                        + " standard image alike"));
    }

    @Test
    void permsSetModeAndOwnerOfMatchingEntriesInEveryLayerALaterRuleWinning() throws IOException {
        Path app = Files.createDirectories(temp.resolve("app/bin"));
        Files.writeString(app.resolve("server"), "#!/bin/sh\n");
        Files.writeString(app.resolve("tool"), "#!/bin/sh\n");
        Files.createDirectories(temp.resolve("app/data/cache"));
        Files.writeString(temp.resolve("app/data/cache/x"), "x");
        List<Content> contents = List.of(packageTree("libc6", 0),
                new Content(new ContentSource.WorkspaceFile(temp.resolve("app"), "app"), "/app", null, 0, 0));
        ImageSpec spec = withPerms(spec(contents), List.of(
                new PathPermission("/app/bin/*", 0750, null, null),
                new PathPermission("/app/bin/tool", 04755, 0, 0),
                new PathPermission("/app/data/**", null, 101, 102),
                new PathPermission("/usr/lib/libc6.so", 0600, null, null)));

        List<LayerEntry> entries = new ImagePlanner(store).plan(spec, Compression.GZIP, MediaTypes.OCI_MANIFEST).layers()
                .stream().flatMap(layer -> layer.contents().entries().stream()).toList();

        assertThat(entry(entries, "app/bin/server")).extracting(LayerEntry::mode, LayerEntry::uid).containsExactly(0750, 0);
        assertThat(entry(entries, "app/bin/tool").mode()).isEqualTo(04755);
        assertThat(entry(entries, "app/data/cache")).extracting(LayerEntry::mode, LayerEntry::uid, LayerEntry::gid)
                .containsExactly(0755, 101, 102);
        assertThat(entry(entries, "app/data/cache/x")).extracting(LayerEntry::uid, LayerEntry::gid).containsExactly(101, 102);
        assertThat(entry(entries, "app/data")).extracting(LayerEntry::uid).isEqualTo(0);
        assertThat(entry(entries, "usr/lib/libc6.so").mode()).isEqualTo(0600);
    }

    @Test
    void aPermsPathThatMatchesNothingFailsTheBuildNamingIt() throws IOException {
        ImageSpec spec = withPerms(spec(List.of(packageTree("libc6", 0))),
                List.of(new PathPermission("/app/bn/*", 0755, null, null)));

        assertThatThrownBy(() -> new ImagePlanner(store).plan(spec, Compression.GZIP, MediaTypes.OCI_MANIFEST))
                .isInstanceOf(ImageException.class)
                .hasMessage("image 'demo': perms path '/app/bn/*' matches nothing in the image");
    }

    @Test
    void permsRefuseModesOutOfRangeRelativePathsAndRulesThatSetNothing() {
        assertThatThrownBy(() -> PathPermission.parseMode("0999", "perms path /app"))
                .isInstanceOf(ImageException.class)
                .hasMessage("mode '0999' of perms path /app is not an octal mode");
        assertThatThrownBy(() -> new PathPermission("/app", 010000, null, null))
                .hasMessageContaining("perms mode 10000 of /app is out of range");
        assertThatThrownBy(() -> new PathPermission("app/bin", 0755, null, null))
                .hasMessageContaining("perms path 'app/bin' is not an absolute image path");
        assertThatThrownBy(() -> new PathPermission("/app", null, null, null))
                .hasMessageContaining("set neither a mode nor an owner");
    }

    @Test
    void aPathIsFoundInTheLastContentThatHasItThroughTheImagesLinks() throws IOException {
        Path usr = Files.createDirectories(temp.resolve("base/usr/bin"));
        Files.writeString(usr.resolve("tool"), "tool");
        Files.createSymbolicLink(temp.resolve("base/bin"), Path.of("usr/bin"));
        ObjectInfo base = store.add(temp.resolve("base"), "base");
        Path config = Files.createDirectories(temp.resolve("config/etc/alternatives"));
        Files.createSymbolicLink(config.resolve("t"), Path.of("/bin/tool"));
        ObjectInfo alternatives = store.add(temp.resolve("config"), "rootfs-config");
        Content baseTree = new Content(new ContentSource.PackageTree(base.path(), "base", "debian base 1", 0), "/", null, 0, 0);
        Content configTree = new Content(new ContentSource.StoreTree(alternatives.path(), "debian rootfs configuration"),
                "/", null, 0, 0);
        Content link = new Content(new ContentSource.Symlink("/etc/alternatives/t"), "/usr/local/bin/t", null, 0, 0);
        ImagePaths paths = new ImagePaths(store, spec(List.of(baseTree, configTree, link)));

        assertThat(paths.find("/usr/local/bin/t")).containsExactly(
                new ImagePaths.Step("/usr/local/bin/t", link, "/etc/alternatives/t"),
                new ImagePaths.Step("/etc/alternatives/t", configTree, "/bin/tool"),
                new ImagePaths.Step("/bin", baseTree, "usr/bin"),
                new ImagePaths.Step("/usr/bin/tool", baseTree, null));
        assertThat(paths.find("/usr/bin/nothing")).isEmpty();
        assertThat(paths.find("/opt/x")).isEmpty();
    }

    @Test
    void anImageWhoseOwnContentsExceedMaxLayersIsRefused() {
        List<Content> contents = List.of(
                new Content(new ContentSource.EmptyDirectory(), "/a", null, 0, 0),
                new Content(new ContentSource.EmptyDirectory(), "/b", null, 0, 0));

        assertThatThrownBy(() -> new ImagePlanner(store).plan(withMaxLayers(spec(contents), 1), Compression.GZIP,
                MediaTypes.OCI_MANIFEST))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("image 'demo' has 2 layers of its own contents, more than maxLayers (1)")
                .satisfies(e -> assertThat(((ImageException) e).hint()).contains("raise maxLayers"));
    }

    @Test
    void debianPackagesMustBeRealisedBeforePlanning() {
        ImageSpec spec = spec(List.of(new Content(new ContentSource.DebianPackages(List.of("hello")), "/", null, 0, 0)));

        assertThatThrownBy(() -> new ImagePlanner(store).plan(spec, Compression.GZIP, MediaTypes.OCI_MANIFEST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[hello]");
    }

    @Test
    void theSameContentFromAnotherDirectoryGivesTheSameImage() throws IOException {
        Path first = tree(temp.resolve("one"), "rwxrwxrwx", 1_600_000_000_000L);
        Path second = tree(temp.resolve("elsewhere/two"), "rwx------", 1_700_000_000_000L);

        WrittenImage a = write(first, temp.resolve("out-a"));
        WrittenImage b = write(second, temp.resolve("out-b"));

        assertThat(b.manifest().digest()).isEqualTo(a.manifest().digest());
    }

    @Test
    void aMissingContentFileIsNamedAsTheUserWroteIt() {
        Content missing = new Content(new ContentSource.WorkspaceFile(temp.resolve("nope"), "files/nope"), "/x", null, 0, 0);

        assertThatThrownBy(() -> new ImagePlanner(store).plan(spec(List.of(missing)), Compression.GZIP,
                MediaTypes.OCI_MANIFEST))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("image 'demo'")
                .hasMessageContaining("'files/nope' does not exist");
    }

    @Test
    void configCarriesTheRuntimeSettings() {
        ImageSpec spec = new ImageSpec("demo", List.of(), List.of("/bin/app"), List.of("--serve"),
                new java.util.LinkedHashMap<>(Map.of("B", "2")), "65532", "/srv", List.of("8080", "53/udp"),
                Map.of("team", "core"), "arm64", "SIGINT");

        ImageRecipe recipe = new ImagePlanner(store).plan(spec, Compression.GZIP, MediaTypes.OCI_MANIFEST);

        assertThat(recipe.config().exposedPorts()).containsOnlyKeys("8080/tcp", "53/udp");
        assertThat(recipe.config().env()).containsExactly("B=2");
        assertThat(recipe.config().user()).isEqualTo("65532");
        assertThat(recipe.platform().architecture()).isEqualTo("arm64");
        assertThat(recipe.config().stopSignal()).isEqualTo("SIGINT");
    }

    private WrittenImage write(Path content, Path out) throws IOException {
        ImageSpec spec = spec(List.of(new Content(new ContentSource.WorkspaceFile(content, "app"), "/app", null, 0, 0)));
        ImageRecipe recipe = new ImagePlanner(store).plan(spec, Compression.GZIP, MediaTypes.OCI_MANIFEST);
        return LayoutOutput.write(out, OutputFormat.OCI, recipe, "latest", List.of());
    }

    private static Path tree(Path root, String permissions, long mtime) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Path tool = Files.writeString(root.resolve("bin/tool"), "#!/bin/sh\necho hi\n");
        Path data = Files.writeString(root.resolve("data.txt"), "data");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString(permissions));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString(permissions.replace('x', '-')));
        for (Path p : List.of(tool, data, root.resolve("bin"), root)) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(mtime));
        }
        return root;
    }

    private static ImageSpec withMaxLayers(ImageSpec spec, int maxLayers) {
        return new ImageSpec(spec.name(), spec.contents(), spec.entrypoint(), spec.cmd(), spec.env(), spec.user(),
                spec.workdir(), spec.ports(), spec.labels(), spec.architecture(), spec.stopSignal(), maxLayers, null, false);
    }

    private static ImageSpec withAdditions(ImageSpec spec, List<Content> additions) {
        return new ImageSpec(spec.name(), spec.contents(), spec.entrypoint(), spec.cmd(), spec.env(), spec.user(),
                spec.workdir(), spec.ports(), spec.labels(), spec.architecture(), spec.stopSignal(), spec.maxLayers(), null,
                false, additions, spec.perms());
    }

    private static ImageSpec withPerms(ImageSpec spec, List<PathPermission> perms) {
        return new ImageSpec(spec.name(), spec.contents(), spec.entrypoint(), spec.cmd(), spec.env(), spec.user(),
                spec.workdir(), spec.ports(), spec.labels(), spec.architecture(), spec.stopSignal(), spec.maxLayers(), null,
                false, spec.additions(), perms);
    }

    /** A Debian package's tree, {@code usr/lib/NAME.so}, depended on by {@code dependents} others. */
    private Content packageTree(String name, int dependents) throws IOException {
        return new Content(new ContentSource.PackageTree(tree(name), name, "debian " + name + " 1", dependents), "/", null,
                0, 0);
    }

    private dev.cairn.store.StorePath tree(String name) throws IOException {
        Path lib = Files.createDirectories(temp.resolve("trees/" + name + "/usr/lib"));
        Files.writeString(lib.resolve(name + ".so"), name);
        return store.add(temp.resolve("trees/" + name), name).path();
    }

    /** What makes a layer's bytes: its history entry and every entry's path, type, mode, owner and content. */
    private static String fingerprint(ImageRecipe.RecipeLayer layer) {
        return layer.createdBy() + " " + layer.contents().fingerprint().orElseThrow();
    }

    private static LayerEntry entry(List<LayerEntry> entries, String path) {
        return entries.stream().filter(e -> e.path().equals(path)).reduce((first, second) -> second).orElseThrow();
    }

    private static ImageSpec spec(List<Content> contents) {
        return new ImageSpec("demo", contents, List.of("/bin/app"), List.of(), Map.of(), null, null, List.of(), Map.of(),
                "amd64", null);
    }

    private static List<String> paths(ImageRecipe.RecipeLayer layer) {
        return layer.contents().entries().stream().map(LayerEntry::path).toList();
    }
}
