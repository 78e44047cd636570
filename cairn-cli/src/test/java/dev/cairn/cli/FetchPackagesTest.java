package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.inputs.testing.RepositoryServer;
import dev.cairn.inputs.testing.TarFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetched packages for real, offline: a repository of released files served on 127.0.0.1 from
 * tarballs the test packs, its address reaching cairn only through the user's configuration
 * ({@code CAIRN_REPOSITORY_RELEASES}, or {@code ~/.config/cairn/repositories.conf}); a command
 * package runs the fetched tools in bubblewrap, with bash and coreutils from Debian.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FetchPackagesTest {
    private static final String TOOL = "tool/1.2.3/tool-1.2.3-linux-amd64.tar.gz";
    private static final String SINGLE = "single/2.0/single-linux-amd64";
    private static final String TAMPERED = "tampered/1/tampered.tar.gz";
    private static final String HOSTILE = "hostile/1/hostile.tar.gz";

    @TempDir
    static Path temp;

    private Path releases;
    private RepositoryServer server;
    private String repository;
    private Path workspace;
    private Map<String, String> environment;

    @BeforeAll
    void serveReleasesAndLockAWorkspace() throws IOException {
        releases = Files.createDirectories(temp.resolve("releases"));
        server = new RepositoryServer(releases);
        repository = server.uri().uri() + "/";
        release(TOOL, new TarFixture()
                .file("tool-1.2.3/bin/tool", "#!/usr/bin/env bash\necho \"tool 1.2.3 says $1\"\n", 0755)
                .file("tool-1.2.3/share/doc/tool/README", "a released tool\n").gzipped());
        release(SINGLE, "#!/usr/bin/env bash\necho single\n".getBytes(StandardCharsets.UTF_8));
        release(TAMPERED, new TarFixture().file("bin/tampered", "#!/usr/bin/env bash\necho genuine\n", 0755).gzipped());
        release(HOSTILE, new TarFixture().file("bin/../../escaped", "pwned\n").gzipped());

        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        workspace = temp.resolve("ws");
        Files.createDirectories(workspace.resolve("cells/tools"));
        MirrorWorkspace.writeCairnPkl(workspace, "fetch", mirror);
        Files.writeString(workspace.resolve("cells/tools/packages.pkl"), """
                amends "cairn:Packages"
                import "cairn:debian"

                packages {
                  ["tool"] = new Fetch {
                    version = "1.2.3"
                    repository = "releases"
                    path = "%s"
                    unpack = true
                    stripComponents = 1
                  }
                  ["single"] = new Fetch {
                    version = "2.0"
                    repository = "releases"
                    path = "%s"
                    bin { ["single"] = "single-linux-amd64" }
                  }
                  ["uses-tools"] = new Command {
                    version = "1"
                    inputs { debian.packages(List("bash", "coreutils")); "//tools/packages/tool"; "//tools/packages/single" }
                    script = "mkdir -p $out && tool hello > $out/said && single > $out/single"
                  }
                  ["tampered"] = new Fetch { version = "1"; repository = "releases"; path = "%s"; unpack = true }
                  ["hostile"] = new Fetch { version = "1"; repository = "releases"; path = "%s"; unpack = true }
                }
                """.formatted(TOOL, SINGLE, TAMPERED, HOSTILE));
        environment = new HashMap<>(TestWorkspace.environment(temp));
        environment.put("HOME", Files.createDirectories(temp.resolve("home")).toString());
        environment.put("CAIRN_REPOSITORY_RELEASES", repository);
        CliRun lock = cairn(environment, "lock");
        assertThat(lock.exitCode()).as(lock.err()).isZero();
        assertThat(lock.out()).contains("+ fetch releases:" + TOOL + " (sha256 " + sha256(served(TOOL)));
    }

    @AfterAll
    void stopTheRepository() {
        server.close();
    }

    @Test
    void theLockPinsEachFileByRepositoryNamePathAndHashWithoutItsAddress() throws IOException {
        String lock = Files.readString(workspace.resolve("cairn.lock"));

        assertThat(lock).contains("""
                  "fetch" : {
                    "files" : [
                      {
                        "repository" : "releases",
                        "path" : "%s",
                        "sha256" : "%s",
                        "size" : %d
                      },
                """.formatted(HOSTILE, sha256(served(HOSTILE)), served(HOSTILE).length));
        assertThat(lock).contains("""
                    "path" : "%s",
                    "sha256" : "%s",
                    "size" : %d
                """.formatted(SINGLE, sha256(served(SINGLE)), served(SINGLE).length).indent(4));
        assertThat(lock).doesNotContain("127.0.0.1").doesNotContain("http");

        CliRun check = cairn(environment, "lock", "--check");
        assertThat(check.exitCode()).as(check.err()).isZero();
        CliRun again = cairn(environment, "lock");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("fetching").contains("4 fetched files; unchanged");
    }

    @Test
    void aFetchedArchiveIsUnpackedIntoTheStoreAndRebuildsToTheSamePath() throws IOException {
        CliRun build = cairn(environment, "build", "//tools/packages/tool");

        assertThat(build.exitCode()).as(build.err()).isZero();
        String path = build.out().strip();
        assertThat(path).matches("/cairn/store/[0-9a-z]{32}-tool-1\\.2\\.3");
        Path object = stored(temp.resolve("store"), path);
        assertThat(object.resolve("bin/tool")).isExecutable().content().startsWith("#!/usr/bin/env bash");
        assertThat(object.resolve("share/doc/tool/README")).hasContent("a released tool");
        assertThat(object.resolve("tool-1.2.3")).as("the top directory is stripped").doesNotExist();

        CliRun again = cairn(environment, "build", "//tools/packages/tool");
        assertThat(again.out()).isEqualTo(build.out());
        assertThat(again.err()).doesNotContain("fetching");

        CliRun check = cairn(environment, "build", "--check", "//tools/packages/tool");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("is fetched (releases:" + TOOL + "), not built");
    }

    @Test
    void aCommandPackageRunsTheFetchedToolsFromItsInputs() throws IOException {
        CliRun build = cairn(environment, "build", "//tools/packages/uses-tools");

        assertThat(build.exitCode()).as(build.err()).isZero();
        Path object = stored(temp.resolve("store"), build.out().strip());
        assertThat(object.resolve("said")).hasContent("tool 1.2.3 says hello");
        assertThat(object.resolve("single")).hasContent("single");
    }

    @Test
    void contentOtherThanTheLockedFailsWithBothHashesAndKeepsNothing() throws IOException {
        byte[] genuine = served(TAMPERED);
        byte[] other = new TarFixture().file("bin/tampered", "#!/usr/bin/env bash\necho forged\n", 0755).gzipped();
        release(TAMPERED, other);
        try {
            Map<String, String> fresh = freshStore("tampered");
            CliRun build = cairn(fresh, "build", "//tools/packages/tampered");

            assertThat(build.exitCode()).isEqualTo(1);
            assertThat(build.err()).contains("releases:" + TAMPERED + " does not match cairn.lock")
                    .contains("expected sha256 " + sha256(genuine)).contains("got sha256 " + sha256(other))
                    .contains("hint: the mirror serves other bytes");
            assertThat(storeEntries(Path.of(fresh.get("CAIRN_STORE")))).noneMatch(name -> name.contains("tampered"));
        } finally {
            release(TAMPERED, genuine);
        }
    }

    @Test
    void anArchiveWithAHostilePathIsRefusedAndKeepsNothing() throws IOException {
        CliRun build = cairn(environment, "build", "//tools/packages/hostile");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("hostile-1 (releases:" + HOSTILE + ")").contains("bin/../../escaped");
        assertThat(storeEntries(temp.resolve("store"))).noneMatch(name -> name.contains("hostile"));
        assertThat(temp.resolve("escaped")).doesNotExist();
    }

    @Test
    void withoutAConfiguredRepositoryTheErrorSaysHowToConfigureIt() {
        Map<String, String> unconfigured = freshStore("unconfigured");
        unconfigured.remove("CAIRN_REPOSITORY_RELEASES");

        CliRun build = cairn(unconfigured, "build", "//tools/packages/single");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("no address is configured for the repository 'releases'")
                .contains("hint: set CAIRN_REPOSITORY_RELEASES=<URL> in the environment, or add the line"
                        + " `releases = <URL>` to " + temp.resolve("home/.config/cairn/repositories.conf"));
    }

    @Test
    void afterAFetchConfiguredInTheUsersFileTheBuildNeedsNoNetworkAndGivesTheSamePath() throws Exception {
        CliRun first = cairn(environment, "build", "//tools/packages/single");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Map<String, String> fresh = freshStore("offline");
        fresh.remove("CAIRN_REPOSITORY_RELEASES");
        Path home = Files.createDirectories(temp.resolve("configured-home/.config/cairn"));
        Files.writeString(home.resolve("repositories.conf"), "# where released tools are\nreleases = " + repository + "\n");
        fresh.put("HOME", temp.resolve("configured-home").toString());

        CliRun fetch = cairn(fresh, "fetch", "//tools/packages/uses-tools");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(fetch.err()).contains("fetching single-2.0 (releases:" + SINGLE + ") from " + repository + SINGLE);

        fresh.put("HOME", temp.resolve("home").toString()); // no configuration, and no network either
        CliRun build = CliRun.under(List.of("unshare", "-n"), fresh, "-C", workspace.toString(), "build",
                "//tools/packages/single");
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.err()).doesNotContain("fetching");
        assertThat(build.out()).isEqualTo(first.out());
        Path object = stored(Path.of(fresh.get("CAIRN_STORE")), build.out().strip());
        assertThat(Files.readSymbolicLink(object.resolve("bin/single"))).isEqualTo(Path.of("../single-linux-amd64"));
        assertThat(object.resolve("single-linux-amd64")).isExecutable();
    }

    private CliRun cairn(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = workspace.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(env, all);
    }

    private Map<String, String> freshStore(String name) {
        Map<String, String> fresh = new HashMap<>(environment);
        fresh.put("CAIRN_STORE", temp.resolve(name + "-store").toString());
        fresh.put("CAIRN_CACHE", temp.resolve(name + "-cache").toString());
        return fresh;
    }

    private static Path stored(Path store, String path) {
        assertThat(path).startsWith("/cairn/store/");
        return store.resolve(path.substring("/cairn/store/".length()));
    }

    private static List<String> storeEntries(Path store) throws IOException {
        if (!Files.exists(store)) {
            return List.of();
        }
        try (var entries = Files.list(store)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    /** Puts {@code bytes} at {@code path} of the served repository. */
    private void release(String path, byte[] bytes) throws IOException {
        Path file = releases.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private byte[] served(String path) {
        try {
            return Files.readAllBytes(releases.resolve(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
