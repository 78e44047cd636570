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
                new Content(new ContentSource.PackageTree(libcTree.path(), "debian libc6 1", 5), "/", null, 0, 0),
                new Content(new ContentSource.PackageTree(zlibTree.path(), "debian zlib1g 1", 1), "/", null, 0, 0),
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

    private static ImageSpec spec(List<Content> contents) {
        return new ImageSpec("demo", contents, List.of("/bin/app"), List.of(), Map.of(), null, null, List.of(), Map.of(),
                "amd64", null);
    }

    private static List<String> paths(ImageRecipe.RecipeLayer layer) {
        return layer.contents().entries().stream().map(LayerEntry::path).toList();
    }
}
