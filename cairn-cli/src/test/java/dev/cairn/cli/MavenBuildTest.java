package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.oci.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maven packages locked and built for real: the JDK, Maven and bash from Debian (the machine's
 * apt data, offline), the artifacts from a repository served on 127.0.0.1 out of the machine's
 * own {@code ~/.m2/repository} (./run-tests makes sure it holds what the example project needs),
 * the builds in bubblewrap without network.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MavenBuildTest {
    private static final Path M2 = MavenRepositoryServer.M2;
    private static final String DATABIND = "com/fasterxml/jackson/core/jackson-databind/2.21.2/jackson-databind-2.21.2.jar";

    @TempDir
    static Path temp;

    private Path workspace;
    private Map<String, String> environment;
    private MavenRepositoryServer server;
    private CliRun lock;

    @BeforeAll
    void lockAWorkspaceOfMavenPackages() throws Exception {
        server = MavenRepositoryServer.serving(M2);
        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        workspace = writeWorkspace(temp.resolve("ws"), mirror, server);
        environment = TestWorkspace.environment(temp);
        lock = cairn(environment, workspace, "lock");
        assertThat(lock.exitCode()).as(lock.err()).isZero();
    }

    @AfterAll
    void stopTheServer() {
        server.close();
    }

    @Test
    void theLockRecordsEveryDownloadedFileWithItsHash() throws Exception {
        String text = Files.readString(workspace.resolve("cairn.lock"));

        assertThat(text).contains("\"maven\" : {").contains("\"target\" : \"//shop/packages/greeting\"")
                .contains("\"repository\" : \"maven-central\"")
                .containsPattern("\"path\" : \"" + DATABIND + "\",\\s*\"sha256\" : \"" + sha256(M2.resolve(DATABIND)) + "\"")
                // surefire's JUnit provider and the classpath step's plugin, resolved while running
                .contains("org/apache/maven/surefire/surefire-junit-platform/3.5.4/surefire-junit-platform-3.5.4.jar")
                .contains("org/apache/maven/plugins/maven-dependency-plugin/3.8.1/maven-dependency-plugin-3.8.1.jar")
                .doesNotContain("_remote.repositories").doesNotContain("lastUpdated").doesNotContain("maven-metadata");
        assertThat(lock.out()).contains("+ maven //shop/packages/greeting");

        CliRun check = cairn(environment, workspace, "lock", "--check");
        assertThat(check.exitCode()).as(check.err()).isZero();
    }

    @Test
    void aMavenPackageBuildsOfflineIntoItsJarAndAClasspathOfStorePaths() throws IOException {
        CliRun build = cairn(environment, workspace, "build", "//shop/packages/greeting");

        assertThat(build.exitCode()).as(build.err()).isZero();
        Path output = object(build.out().strip());
        assertThat(output.resolve("share/java/greeting-1.0.jar")).isRegularFile();
        List<String> classpath = classpath(output);
        assertThat(classpath).allMatch(entry -> entry.matches("/cairn/store/[0-9a-z]{32}-[^/]+\\.jar"))
                .anyMatch(entry -> entry.endsWith("-jackson-databind-2.21.2.jar"))
                .noneMatch(entry -> entry.contains("junit"));
        assertThat(Files.readAllBytes(object(entry(classpath, "jackson-databind"))))
                .isEqualTo(Files.readAllBytes(M2.resolve(DATABIND)));

        CliRun again = cairn(environment, workspace, "build", "//shop/packages/greeting");
        assertThat(again.out()).isEqualTo(build.out());
    }

    @Test
    void twoServicesUsingTheSameJarShareItsStoreObject() throws IOException {
        CliRun greeting = cairn(environment, workspace, "build", "//shop/packages/greeting");
        CliRun farewell = cairn(environment, workspace, "build", "//shop/packages/farewell");

        assertThat(farewell.exitCode()).as(farewell.err()).isZero();
        assertThat(farewell.out()).isNotEqualTo(greeting.out());
        String shared = entry(classpath(object(greeting.out().strip())), "jackson-databind");
        assertThat(entry(classpath(object(farewell.out().strip())), "jackson-databind")).isEqualTo(shared);
        assertThat(storeEntries(temp.resolve("store"))).filteredOn(name -> name.endsWith("-jackson-databind-2.21.2.jar"))
                .hasSize(1);
    }

    @Test
    void aJavaRuntimeLinksOnlyItsModulesFromTheLockedJdkReproduciblyAndRunsOnTheDebianLibraries() throws IOException {
        CliRun runtime = cairn(environment, workspace, "build", "//shop/packages/jre");
        assertThat(runtime.exitCode()).as(runtime.err()).isZero();
        Path jre = object(runtime.out().strip());
        assertThat(Files.readString(jre.resolve("release"))).contains("MODULES=\"java.base\"");
        assertThat(Files.readSymbolicLink(jre.resolve("lib/security/cacerts"))).isEqualTo(Path.of("/etc/ssl/certs/java/cacerts"));
        assertThat(jre.resolve("jmods")).doesNotExist();
        assertThat(jre.resolve("lib/libawt.so")).doesNotExist();

        CliRun check = cairn(environment, workspace, "build", "--check", "//shop/packages/jre");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.err()).contains("bit for bit");

        CliRun user = cairn(environment, workspace, "build", "//shop/packages/on-jre");
        assertThat(user.exitCode()).as(user.err()).isZero();
        Path output = object(user.out().strip());
        assertThat(Files.readString(output.resolve("version"))).startsWith("openjdk version \"17.");
        assertThat(Files.readString(output.resolve("modules"))).matches("java\\.base@17[^\\n]*\\n");
        assertThat(Files.readString(output.resolve("java")).strip()).isEqualTo(runtime.out().strip() + "/bin/java");
    }

    @Test
    void aFailingUnitTestFailsTheBuildNamingTheTest() throws IOException {
        CliRun build = cairn(environment, workspace, "build", "//shop/packages/broken");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("build of broken-1.0 failed").contains("greetsInKlingon");
        assertThat(storeEntries(temp.resolve("store"))).noneMatch(name -> name.endsWith("-broken-1.0"));
    }

    @Test
    void aTamperedLockEntryFailsNamingTheFileAndLeavesNothing() throws Exception {
        Path copy = copyOfWorkspace("tampered");
        Map<String, String> fresh = freshStore("tampered");
        // Every input but the forged one already in the store: the failed build must add nothing at all.
        CliRun fetch = cairn(fresh, copy, "fetch", "//shop/packages/greeting");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        Path lockFile = copy.resolve("cairn.lock");
        String real = sha256(M2.resolve(DATABIND));
        String forged = "0".repeat(64);
        Files.writeString(lockFile, Files.readString(lockFile).replace(real, forged));
        List<String> before = storeEntries(temp.resolve("tampered/store"));
        assertThat(before).anyMatch(name -> name.endsWith("-jackson-databind-2.21.2.jar"));

        CliRun build = cairn(fresh, copy, "build", "//shop/packages/greeting");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains(DATABIND).contains("expected sha256 " + forged).contains("got sha256 " + real);
        assertThat(storeEntries(temp.resolve("tampered/store"))).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aPomChangedAfterLockingIsAStaleLock() throws Exception {
        Path copy = copyOfWorkspace("stale");
        Path pom = copy.resolve("services/greeting/pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("</project>", "  <description>changed</description>\n</project>"));
        Map<String, String> fresh = freshStore("stale");

        CliRun build = cairn(fresh, copy, "build", "//shop/packages/greeting");
        CliRun check = cairn(fresh, copy, "lock", "--check");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("//shop/packages/greeting").contains("stale").contains("run `cairn lock`");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("pom.xml changed");
        assertThat(storeEntries(temp.resolve("stale/store"))).noneMatch(name -> name.endsWith("-greeting-1.0"));
    }

    private Path copyOfWorkspace(String name) throws Exception {
        Path copy = temp.resolve(name).resolve("ws");
        Files.createDirectories(copy.getParent());
        Processes.ok("cp", "-a", workspace.toString(), copy.toString());
        return copy;
    }

    private static Map<String, String> freshStore(String name) {
        return Map.of("CAIRN_STORE", temp.resolve(name).resolve("store").toString(),
                "CAIRN_CACHE", temp.resolve(name).resolve("cache").toString());
    }

    private static Path object(String storePath) {
        return temp.resolve("store").resolve(storePath.substring("/cairn/store/".length()));
    }

    private static List<String> classpath(Path output) throws IOException {
        return Arrays.asList(Files.readString(output.resolve("share/java/classpath")).strip().split(":"));
    }

    private static String entry(List<String> classpath, String artifact) {
        return classpath.stream().filter(entry -> entry.contains("-" + artifact + "-")).findFirst().orElseThrow();
    }

    private static CliRun cairn(Map<String, String> environment, Path root, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(environment, all);
    }

    private static List<String> storeEntries(Path store) throws IOException {
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(store)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Path writeWorkspace(Path root, AptListsMirror mirror, MavenRepositoryServer server) throws Exception {
        Files.createDirectories(root.resolve("cells/shop"));
        MirrorWorkspace.writeCairnPkl(root, "shop", mirror);
        Files.writeString(root.resolve("cairn.pkl"), server.workspaceSettings(), java.nio.file.StandardOpenOption.APPEND);
        Path example = Path.of(MavenBuildTest.class.getResource("maven-greeting/pom.xml").toURI()).getParent();
        Path greeting = root.resolve("services/greeting");
        Files.createDirectories(greeting.getParent());
        Processes.ok("cp", "-r", example.toString(), greeting.toString());
        // The same dependencies under another name: the same jars.
        Path farewell = root.resolve("services/farewell");
        Processes.ok("cp", "-r", example.toString(), farewell.toString());
        Path farewellPom = farewell.resolve("pom.xml");
        Files.writeString(farewellPom, Files.readString(farewellPom)
                .replace("<artifactId>greeting</artifactId>", "<artifactId>farewell</artifactId>"));
        // And with a unit test that fails.
        Path broken = root.resolve("services/broken");
        Processes.ok("cp", "-r", example.toString(), broken.toString());
        Path brokenPom = broken.resolve("pom.xml");
        Files.writeString(brokenPom, Files.readString(brokenPom)
                .replace("<artifactId>greeting</artifactId>", "<artifactId>broken</artifactId>"));
        Files.writeString(broken.resolve("src/test/java/example/KlingonTest.java"), """
                package example;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import org.junit.jupiter.api.Test;

                class KlingonTest {
                    @Test
                    void greetsInKlingon() throws Exception {
                        assertEquals("{\\"greeting\\":\\"nuqneH ada\\"}", Greeting.json("ada"));
                    }
                }
                """);
        Files.writeString(root.resolve("cells/shop/packages.pkl"), """
                amends "cairn:Packages"

                import "cairn:debian"

                packages {
                  ["greeting"] = new Maven { version = "1.0"; source = "../../services/greeting" }
                  ["farewell"] = new Maven { version = "1.0"; source = "../../services/farewell" }
                  ["broken"] = new Maven { version = "1.0"; source = "../../services/broken" }
                  ["jre"] = new JavaRuntime { version = "17"; modules { "java.base" } }
                  // What an operable using the runtime has: it first on PATH, the C and C++ libraries.
                  ["on-jre"] = new Command {
                    version = "1"
                    inputs {
                      "//shop/packages/jre"
                      debian.packages(List("libc6", "libgcc-s1", "libstdc++6", "zlib1g", "bash", "coreutils"))
                    }
                    script = #"java -version 2> "$out/version"; java --list-modules > "$out/modules"; command -v java > "$out/java""#
                  }
                }
                """);
        return root;
    }
}
