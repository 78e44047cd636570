package dev.cairn.inputs.debian.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsConfigTest {
    @TempDir
    Path temp;

    @Test
    void javaAndScriptAlternativesBecomeLinksAndStatusFilesAreWritten() throws IOException {
        Path jre = temp.resolve("jre");
        Files.createDirectories(jre.resolve("usr/lib/jvm/java-17-openjdk-amd64/bin"));
        Files.writeString(jre.resolve("usr/lib/jvm/java-17-openjdk-amd64/bin/java"), "elf");
        Files.writeString(jre.resolve("usr/lib/jvm/.java-1.17.0-openjdk-amd64.jinfo"), """
                name=java-17-openjdk-amd64
                priority=1711
                section=main

                hl java /usr/lib/jvm/java-17-openjdk-amd64/bin/java
                jdkhl javac /usr/lib/jvm/java-17-openjdk-amd64/bin/javac
                """);
        Path node = temp.resolve("node");
        Files.createDirectories(node.resolve("usr/bin"));
        Files.writeString(node.resolve("usr/bin/node"), "elf");
        String postinst = """
                #!/bin/sh
                set -e
                if [ "$1" = configure ]; then
                        update-alternatives --quiet --install /usr/bin/nodejs nodejs \\
                                /usr/bin/node 50 \\
                                --slave /usr/share/man/man1/nodejs.1.gz nodejs.1.gz /usr/share/man/man1/node.1.gz
                        update-alternatives --install /usr/bin/js js $NODE 40
                fi
                """;
        Path out = temp.resolve("out");

        RootfsConfig.write(out, new PackageTrees(List.of(jre, node)),
                Map.of("nodejs", "Package: nodejs\nVersion: 18.19.0"), Map.of("nodejs", postinst));

        assertThat(Files.readSymbolicLink(out.resolve("usr/bin/java"))).isEqualTo(Path.of("/etc/alternatives/java"));
        assertThat(Files.readSymbolicLink(out.resolve("etc/alternatives/java")))
                .isEqualTo(Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java"));
        assertThat(out.resolve("usr/bin/javac")).doesNotExist();
        assertThat(Files.readSymbolicLink(out.resolve("etc/alternatives/nodejs"))).isEqualTo(Path.of("/usr/bin/node"));
        assertThat(out.resolve("etc/alternatives/js")).doesNotExist();
        assertThat(out.resolve("etc/alternatives/nodejs.1.gz")).doesNotExist();
        assertThat(Files.readString(out.resolve("var/lib/dpkg/status.d/nodejs"))).isEqualTo("Package: nodejs\nVersion: 18.19.0\n");
        assertThat(Files.readString(out.resolve("etc/passwd"))).contains("nonroot:x:65532:65532");
        assertThat(Files.readString(out.resolve("etc/nsswitch.conf"))).contains("hosts: files dns");
        assertThat(out.resolve(CaBundle.BUNDLE_PATH)).doesNotExist();
    }

    @Test
    void theHighestPriorityWinsAndEqualPrioritiesGoByPath() throws IOException {
        Path jre17 = jvm("17", 1711);
        Path jre21 = jvm("21", 2111);
        Path another21 = jvm("21b", 2111);

        var chosen = Alternatives.choose(new PackageTrees(List.of(jre17, jre21, another21)), Map.of());

        assertThat(chosen.get("java").path()).isEqualTo("/usr/lib/jvm/java-21-openjdk-amd64/bin/java");
        assertThat(chosen.get("java").priority()).isEqualTo(2111);
    }

    private Path jvm(String version, int priority) throws IOException {
        Path root = temp.resolve("jvm-" + version);
        String home = "usr/lib/jvm/java-" + version + "-openjdk-amd64";
        Files.createDirectories(root.resolve(home + "/bin"));
        Files.writeString(root.resolve(home + "/bin/java"), "elf");
        Files.writeString(root.resolve("usr/lib/jvm/.java-" + version + ".jinfo"),
                "priority=" + priority + "\n\nhl java /" + home + "/bin/java\n");
        return root;
    }

    @Test
    void variablesAScriptAssignsOnceLiterallyCountAsLiteral() throws IOException {
        Path maven = temp.resolve("maven");
        Files.createDirectories(maven.resolve("usr/share/maven/bin"));
        Files.writeString(maven.resolve("usr/share/maven/bin/mvn"), "#!/bin/sh\n");
        Files.writeString(maven.resolve("usr/share/maven/bin/mvnDebug"), "#!/bin/sh\n");
        // As maven's postinst has it: two literal assignments, then continued lines using them.
        String postinst = """
                #!/bin/sh
                set -e
                basedir=/usr/share/maven
                priority=300
                moved=/opt/a
                moved=/opt/b
                case "$1" in
                configure)
                    update-alternatives \\
                    --install /usr/bin/mvn mvn $basedir/bin/mvn $priority \\
                    --slave \\
                        /usr/bin/mvnDebug \\
                        mvnDebug \\
                        ${basedir}/bin/mvnDebug
                    update-alternatives --install /usr/bin/other other $moved/bin/other 10
                    ;;
                esac
                """;
        Path out = temp.resolve("out-maven");

        RootfsConfig.write(out, new PackageTrees(List.of(maven)), Map.of("maven", "Package: maven\nVersion: 3.8.7-1"),
                Map.of("maven", postinst));

        assertThat(Files.readSymbolicLink(out.resolve("usr/bin/mvn"))).isEqualTo(Path.of("/etc/alternatives/mvn"));
        assertThat(Files.readSymbolicLink(out.resolve("etc/alternatives/mvn"))).isEqualTo(Path.of("/usr/share/maven/bin/mvn"));
        assertThat(Files.readSymbolicLink(out.resolve("etc/alternatives/mvnDebug")))
                .isEqualTo(Path.of("/usr/share/maven/bin/mvnDebug"));
        assertThat(out.resolve("etc/alternatives/other")).as("assigned twice: not knowable").doesNotExist();
    }
}
