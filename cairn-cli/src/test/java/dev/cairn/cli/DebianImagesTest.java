package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.oci.testing.Processes;
import dev.cairn.oci.testing.RuncBundle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Debian packages, end to end: a workspace asks for {@code openjdk-17-jre-headless} and
 * {@code nodejs}; cairn resolves them against Debian's own signed indexes (the machine's apt
 * lists, served from a {@code file:} mirror with the .debs {@code ./run-tests} made available
 * offline), locks, builds, and the images run under runc.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebianImagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger COMMANDS = new AtomicInteger();

    @TempDir
    static Path temp;

    private Path workspace;
    private Map<String, String> environment;
    private CliRun firstLock;
    private byte[] firstLockBytes;

    @BeforeAll
    void lockTheWorkspace() throws Exception {
        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        workspace = writeWorkspace(temp.resolve("ws"), mirror);
        environment = TestWorkspace.environment(temp);

        firstLock = CliRun.run(environment, "-C", workspace.toString(), "lock");
        assertThat(firstLock.exitCode()).as(firstLock.err()).isZero();
        firstLockBytes = Files.readAllBytes(workspace.resolve(LockFile.FILE_NAME));

        MirrorWorkspace.requireLockedOffline(workspace, mirror);
    }

    /** Unpacked root filesystems are full of absolute symlinks, which JUnit's cleanup warns about one by one. */
    @AfterAll
    void deleteTheBundles() throws Exception {
        try (var entries = Files.list(temp)) {
            for (Path bundle : entries.filter(p -> p.getFileName().toString().startsWith("bundle-")).toList()) {
                Processes.ok("rm", "-rf", bundle.toString());
            }
        }
    }

    @Test
    void lockingPinsEachSetAndResolvingAgainChangesNothing() throws IOException {
        Lock lock = LockFile.read(workspace.resolve(LockFile.FILE_NAME));
        assertThat(lock.sets()).extracting(set -> set.request()).containsExactlyInAnyOrder(
                List.of("openjdk-17-jre-headless"), List.of("nodejs"));
        assertThat(lock.packages()).extracting(LockedPackage::name)
                .contains("openjdk-17-jre-headless", "nodejs", "libc6", "ca-certificates-java");
        assertThat(lock.packages()).extracting(LockedPackage::repository).containsOnly("debian", "debian-security");
        assertThat(firstLock.out()).contains("+ set openjdk-17-jre-headless (amd64)", "+ nodejs ");

        CliRun again = CliRun.run(environment, "-C", workspace.toString(), "lock");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("unchanged");
        assertThat(Files.readAllBytes(workspace.resolve(LockFile.FILE_NAME))).isEqualTo(firstLockBytes);

        CliRun check = CliRun.run(environment, "-C", workspace.toString(), "lock", "--check");
        assertThat(check.exitCode()).as(check.err()).isZero();
    }

    @Test
    void whyShowsTheChainFromTheLock() {
        CliRun why = CliRun.run(environment, "-C", workspace.toString(), "why", "//java/oci-images/hello", "libavahi-client3");

        assertThat(why.exitCode()).as(why.err()).isZero();
        List<String> lines = why.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("openjdk-17-jre-headless ").endsWith("(asked for)");
        assertThat(lines.getLast()).contains("→ libavahi-client3 ");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theJreImageRunsTheJarKnowsItsVersionAndTrustsTheCaBundle() throws Exception {
        RuncBundle bundle = buildAndUnpack("//java/oci-images/hello", "hello");

        assertThat(run(bundle, List.of())).isEqualTo("hello from a cairn JRE image\n");
        assertThat(run(bundle, List.of("java", "-version"))).contains("openjdk version \"17.");
        String trust = run(bundle, List.of("java", "-jar", "/app/hello.jar", "trust"));
        assertThat(Integer.parseInt(trust.strip().replace("trusted: ", ""))).isGreaterThan(100);
        assertThat(bundle.rootfs().resolve("tmp")).satisfies(tmp ->
                assertThat(Files.getAttribute(tmp, "unix:mode")).isEqualTo(041777));
        assertThat(Files.readString(bundle.rootfs().resolve("etc/passwd"))).contains("nonroot:x:65532:65532");
        assertThat(bundle.rootfs().resolve("var/lib/dpkg/status.d/openjdk-17-jre-headless")).exists();
    }

    @Test
    void theNodeImageRunsNode() throws Exception {
        RuncBundle bundle = buildAndUnpack("//node/oci-images/node", "node");

        assertThat(run(bundle, List.of("node", "-e", "console.log(1+1)"))).isEqualTo("2\n");
    }

    @Test
    void twoImagesWithTheSameJreShareItsLayers() throws Exception {
        List<String> hello = layers(build("//java/oci-images/hello", "hello"));
        List<String> other = layers(build("//java/oci-images/other", "other"));
        int jrePackages = LockFile.read(workspace.resolve(LockFile.FILE_NAME)).resolved("amd64",
                List.of("openjdk-17-jre-headless")).orElseThrow().size();

        // Each package is a layer, then the rootfs configuration and /tmp: all shared.
        assertThat(other.subList(0, jrePackages + 2)).isEqualTo(hello.subList(0, jrePackages + 2));
        assertThat(other.getLast()).isNotEqualTo(hello.getLast());
    }

    private Path build(String target, String name) {
        Path out = temp.resolve("out-" + name);
        CliRun build = CliRun.run(environment, "-C", workspace.toString(), "build", target, "--out", out.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        return out;
    }

    private RuncBundle buildAndUnpack(String target, String name) throws Exception {
        return RuncBundle.unpack(build(target, name), "latest", temp.resolve("bundle-" + name), temp.resolve("runc"));
    }

    /** Runs the bundle's entrypoint, or {@code args} instead, and returns what it printed. */
    private String run(RuncBundle bundle, List<String> args) throws Exception {
        RuncBundle command = args.isEmpty() ? bundle
                : bundle.withConfig(temp.resolve("bundle-command-" + COMMANDS.incrementAndGet()), config -> {
                    ArrayNode replaced = ((ObjectNode) config.get("process")).putArray("args");
                    args.forEach(replaced::add);
                });
        Processes.Result run = command.run();
        assertThat(run.exit()).as(run.output() + run.errors()).isZero();
        // java -version writes to stderr
        return run.output().isEmpty() ? run.errors() : run.output();
    }

    private static List<String> layers(Path layout) throws IOException {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        String manifest = index.get("manifests").get(0).get("digest").asText().replace("sha256:", "");
        JsonNode layers = JSON.readTree(layout.resolve("blobs/sha256/" + manifest).toFile()).get("layers");
        return java.util.stream.StreamSupport.stream(layers.spliterator(), false)
                .map(layer -> layer.get("digest").asText())
                .toList();
    }

    private static Path writeWorkspace(Path root, AptListsMirror mirror) throws IOException {
        Files.createDirectories(root.resolve("cells/java"));
        Files.createDirectories(root.resolve("cells/node"));
        MirrorWorkspace.writeCairnPkl(root, "debian-images", mirror);
        helloJar(root.resolve("cells/java/hello.jar"));
        Files.writeString(root.resolve("cells/java/notes.txt"), "another service\n");
        Files.writeString(root.resolve("cells/java/oci-images.pkl"), """
                amends "cairn:OciImages"
                import "cairn:debian"

                images {
                  ["hello"] {
                    contents {
                      new debian.Packages { names { "openjdk-17-jre-headless" } }
                      new { source = "hello.jar"; path = "/app/hello.jar" }
                    }
                    entrypoint { "java"; "-jar"; "/app/hello.jar" }
                    env { ["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
                  }
                  ["other"] {
                    contents {
                      new debian.Packages { names { "openjdk-17-jre-headless" } }
                      new { source = "notes.txt"; path = "/app/notes.txt" }
                    }
                    entrypoint { "java"; "-version" }
                    env { ["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
                  }
                }
                """);
        Files.writeString(root.resolve("cells/node/oci-images.pkl"), """
                amends "cairn:OciImages"
                import "cairn:debian"

                images {
                  ["node"] {
                    contents { debian.packages(List("nodejs")) }
                    entrypoint { "node" }
                    env { ["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
                  }
                }
                """);
        return root;
    }

    /** A jar for Java 17 that greets, or with {@code trust}, counts the JRE's default trust anchors. */
    private static void helloJar(Path jar) throws IOException {
        Path sources = Files.createTempDirectory("hello-src");
        Path source = Files.writeString(sources.resolve("Hello.java"), """
                public class Hello {
                    public static void main(String[] args) throws Exception {
                        if (args.length > 0 && args[0].equals("trust")) {
                            var factory = javax.net.ssl.TrustManagerFactory.getInstance(
                                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                            factory.init((java.security.KeyStore) null);
                            var manager = (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
                            System.out.println("trusted: " + manager.getAcceptedIssuers().length);
                            return;
                        }
                        System.out.println("hello from a cairn JRE image");
                    }
                }
                """);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int compiled = compiler.run(null, null, null, "--release", "17", "-d", sources.toString(), source.toString());
        assertThat(compiled).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            JarEntry entry = new JarEntry("Hello.class");
            entry.setTime(0);
            jarOut.putNextEntry(entry);
            jarOut.write(Files.readAllBytes(sources.resolve("Hello.class")));
            jarOut.closeEntry();
        }
    }
}
