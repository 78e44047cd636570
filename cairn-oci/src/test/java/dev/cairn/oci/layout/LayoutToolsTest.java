package dev.cairn.oci.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cairn writes, read by the tools people use: umoci and runc, skopeo, podman. */
@Tag("integration")
class LayoutToolsTest {
    @TempDir
    Path temp;

    @Test
    void umociUnpacksTheLayoutAndRuncRunsIt() throws Exception {
        Path layout = temp.resolve("layout");
        LayoutOutput.write(layout, OutputFormat.OCI, TestImages.busybox(), "test", List.of());

        boolean root = "root".equals(System.getProperty("user.name"));
        Processes.ok(temp, root ? new String[] {"umoci", "unpack", "--image", layout + ":test", "bundle"}
                : new String[] {"umoci", "unpack", "--rootless", "--image", layout + ":test", "bundle"});
        assertThat(temp.resolve("bundle/rootfs/bin/busybox")).isExecutable();
        Processes.runWithoutTerminal(temp.resolve("bundle/config.json"));
        String id = "cairn-test-" + ProcessHandle.current().pid();
        Processes.Result run = Processes.run(temp, "runc", "--root", temp.resolve("runc-state").toString(),
                "run", "--bundle", temp.resolve("bundle").toString(), id);

        assertThat(run.output()).as(run.errors()).contains("hello from cairn");
        assertThat(run.exit()).isZero();
    }

    @Test
    void skopeoReadsTheLayoutAndTheArchive() throws Exception {
        Path layout = temp.resolve("layout");
        Path archive = temp.resolve("image.tar");
        WrittenImage image = LayoutOutput.write(layout, OutputFormat.OCI, TestImages.busybox(), "test", List.of());
        LayoutOutput.write(archive, OutputFormat.OCI_ARCHIVE, TestImages.busybox(), "test", List.of());

        String inspect = Processes.ok(temp, "skopeo", "inspect", "oci:" + layout + ":test");
        String inspectArchive = Processes.ok(temp, "skopeo", "inspect", "oci-archive:" + archive + ":test");
        Processes.ok(temp, "skopeo", "copy", "oci:" + layout + ":test", "oci:" + temp.resolve("copy") + ":copied");

        assertThat(inspect).contains(image.manifest().digest().toString()).contains("\"Architecture\": \"amd64\"");
        assertThat(inspectArchive).contains(image.manifest().digest().toString());
        assertThat(temp.resolve("copy/blobs/sha256").resolve(image.manifest().digest().encoded())).exists();
    }

    @Test
    void zstdLayersAreReadBySkopeo() throws Exception {
        Path layout = temp.resolve("layout");
        LayoutOutput.write(layout, OutputFormat.OCI, TestImages.busybox(Compression.ZSTD, MediaTypes.OCI_MANIFEST),
                "zstd", List.of());

        String inspect = Processes.ok(temp, "skopeo", "inspect", "--raw", "oci:" + layout + ":zstd");
        Processes.ok(temp, "skopeo", "copy", "oci:" + layout + ":zstd", "dir:" + temp.resolve("dir"));

        assertThat(inspect).contains(MediaTypes.OCI_LAYER_ZSTD);
    }

    @Test
    void podmanLoadsTheDockerArchive() throws Exception {
        Path archive = temp.resolve("image.tar");
        String name = "localhost/cairn-test-" + ProcessHandle.current().pid() + ":latest";
        WrittenImage image = LayoutOutput.write(archive, OutputFormat.DOCKER_ARCHIVE, TestImages.busybox(), "latest",
                List.of(name));
        Path storage = temp.resolve("podman");
        String[] podman = {"podman", "--root", storage.resolve("root").toString(),
                "--runroot", storage.resolve("run").toString(), "--storage-driver", "vfs"};

        String loaded = Processes.ok(temp, concat(podman, "load", "-i", archive.toString()));
        String images = Processes.ok(temp, concat(podman, "image", "inspect", name, "--format", "{{.Id}} {{.Config.Cmd}}"));

        assertThat(loaded).contains(name);
        assertThat(images).contains(image.config().digest().encoded()).contains("/etc/greeting");
        assertThat(Files.size(archive)).isPositive();
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
