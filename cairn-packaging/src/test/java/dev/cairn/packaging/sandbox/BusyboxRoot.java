package dev.cairn.packaging.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A root filesystem of one static busybox laid out as merged-usr Debian is: the applets in
 * /usr/bin, /bin a symlink to it, an /etc with passwd and group only.
 */
final class BusyboxRoot {
    static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> APPLETS = List.of("sh", "ls", "cat", "env", "echo", "test", "touch",
            "mkdir", "hostname", "wget", "sleep", "stat", "id");

    private BusyboxRoot() {}

    static Path create(Path root) throws IOException {
        Path bin = Files.createDirectories(root.resolve("usr/bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : APPLETS) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n");
        return root;
    }
}
