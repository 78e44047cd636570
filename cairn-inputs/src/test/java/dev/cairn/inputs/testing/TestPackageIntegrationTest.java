package dev.cairn.inputs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dpkg-deb reads what {@link TestPackage} builds as the package it describes: it is a real .deb. */
@Tag("integration")
class TestPackageIntegrationTest {
    @TempDir
    Path temp;

    @Test
    void dpkgDebReadsItsControlFilesAndMd5sums() throws Exception {
        Path deb = TestPackage.named("greeter", "1:1.2-1")
                .preDepends("libgreet1 (>= 1.0)")
                .depends("greet-data")
                .provides("default-greeting")
                .field("Priority", "optional")
                .executable("usr/bin/greet", "#!/bin/sh\necho hello\n")
                .symlink("usr/bin/hello", "greet")
                .file("usr/share/doc/greeter/copyright", "public domain\n")
                .directory("var/lib/greeter")
                .postinst("#!/bin/sh\nset -e\n")
                .write(temp.resolve("greeter.deb"));

        String fields = DebianTools.run(temp, "dpkg-deb", "--showformat",
                "${Package} ${Version} ${Architecture}|${Pre-Depends}|${Depends}|${Provides}|${Priority}", "--show",
                deb.toString());
        assertThat(fields).isEqualTo("greeter 1:1.2-1 amd64|libgreet1 (>= 1.0)|greet-data|default-greeting|optional");
        // Parents before what they hold, sorted by name, as a reproducible build writes them.
        assertThat(DebianTools.run(temp, "dpkg-deb", "--contents", deb.toString())).isEqualTo("""
                drwxr-xr-x root/root         0 2024-01-01 00:00 ./
                drwxr-xr-x root/root         0 2024-01-01 00:00 ./usr/
                drwxr-xr-x root/root         0 2024-01-01 00:00 ./usr/bin/
                -rwxr-xr-x root/root        21 2024-01-01 00:00 ./usr/bin/greet
                lrwxrwxrwx root/root         0 2024-01-01 00:00 ./usr/bin/hello -> greet
                drwxr-xr-x root/root         0 2024-01-01 00:00 ./usr/share/
                drwxr-xr-x root/root         0 2024-01-01 00:00 ./usr/share/doc/
                drwxr-xr-x root/root         0 2024-01-01 00:00 ./usr/share/doc/greeter/
                -rw-r--r-- root/root        14 2024-01-01 00:00 ./usr/share/doc/greeter/copyright
                drwxr-xr-x root/root         0 2024-01-01 00:00 ./var/
                drwxr-xr-x root/root         0 2024-01-01 00:00 ./var/lib/
                drwxr-xr-x root/root         0 2024-01-01 00:00 ./var/lib/greeter/
                """);

        Path tree = temp.resolve("tree");
        Path control = temp.resolve("control");
        DebianTools.run(temp, "dpkg-deb", "--extract", deb.toString(), tree.toString());
        DebianTools.run(temp, "dpkg-deb", "--control", deb.toString(), control.toString());
        assertThat(control.resolve("postinst")).isExecutable();
        // md5sums lists every regular file by its path below /, and each sum is right.
        assertThat(DebianTools.run(temp, "sh", "-c", "cd \"$1\" && md5sum --check \"$2\"", "sh", tree.toString(),
                control.resolve("md5sums").toString()))
                .isEqualTo("usr/bin/greet: OK\nusr/share/doc/greeter/copyright: OK\n");
    }
}
