package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.oci.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command packages built for real: bash and coreutils from Debian (locked from the machine's
 * apt data, offline), the build in bubblewrap, the output in the store.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackageBuildsTest {
    @TempDir
    static Path temp;

    private Path workspace;
    private Map<String, String> environment;
    private HttpServer server;
    /** Files of this host a build must not see; each exists here. */
    private List<Path> hostFiles;

    @BeforeAll
    void lockAWorkspaceOfCommandPackages() throws IOException {
        server = LoopbackServer.start();
        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        // The user's ~/.m2/settings.xml, in a home of the test's own: the shared ~/.m2 is left as it is.
        Path home = temp.resolve("home");
        Path settings = Files.createDirectories(home.resolve(".m2")).resolve("settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + home + "/.m2/repository</localRepository></settings>\n");
        hostFiles = List.of(Path.of("/etc/hostname"), settings, MavenRepositoryServer.M2, Path.of("/usr/lib/jvm"));
        workspace = writeWorkspace(temp.resolve("ws"), mirror, server.getAddress().getPort(), hostFiles);
        environment = Map.of("CAIRN_STORE", temp.resolve("store").toString(),
                "CAIRN_CACHE", temp.resolve("cache").toString(), "HOME", home.toString());
        CliRun lock = cairn(workspace, "lock");
        assertThat(lock.exitCode()).as(lock.err()).isZero();
    }

    @AfterAll
    void stopTheServer() {
        server.stop(0);
    }

    @Test
    void aPackageBuildsInTheSandboxOnceAndIsReproducible() {
        CliRun first = cairn(workspace, "build", "//tools/packages/greeter");
        assertThat(first.exitCode()).as(first.err()).isZero();
        String path = first.out().strip();
        assertThat(path).matches("/cairn/store/[0-9a-z]{32}-greeter-1\\.0");
        // (another test may have built it first: the store is the class's)
        Path output = temp.resolve("store").resolve(path.substring("/cairn/store/".length()));
        assertThat(output.resolve("share/message")).hasContent("hello from a sandboxed build");
        assertThat(output.resolve("share/built")).hasContent("Tue Jan  1 00:00:00 UTC 1980");

        CliRun again = cairn(workspace, "build", "//tools/packages/greeter");
        assertThat(again.out().strip()).isEqualTo(path);
        assertThat(again.err()).doesNotContain("building");

        CliRun roots = cairn(workspace, "store", "root", "list");
        assertThat(roots.out()).contains("-tools-greeter").contains(path);
        CliRun gc = cairn(workspace, "gc", "--dry-run", "--json");
        assertThat(gc.exitCode()).as(gc.err()).isZero();
        assertThat(gc.out()).doesNotContain(path);

        CliRun check = cairn(workspace, "build", "--check", "//tools/packages/greeter");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.err()).contains("reproducible");
    }

    @Test
    void theSandboxHasNoNetworkButLoAndHidesTheHost() throws IOException {
        assertThat(hostFiles).as("what the build probes exists on the host").allMatch(Files::exists);

        CliRun build = cairn(workspace, "build", "//tools/packages/prober");
        assertThat(build.exitCode()).as(build.err()).isZero();
        Path output = temp.resolve("store").resolve(build.out().strip().substring("/cairn/store/".length()));

        assertThat(Files.readString(output.resolve("interfaces")).strip()).isEqualTo("lo");
        assertThat(Files.readString(output.resolve("server"))).isEqualTo("unreachable\n");
        assertThat(Files.readAllLines(output.resolve("host-files")))
                .containsExactlyElementsOf(hostFiles.stream().map(file -> "hidden " + file).toList())
                .contains("hidden " + temp.resolve("home/.m2/settings.xml"));
    }

    @Test
    void aPackageUsesAnotherPackagesOutputOnItsPath() throws IOException {
        CliRun build = cairn(workspace, "build", "--json", "//tools/packages/user");

        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.out()).contains("\"path\" : \"/cairn/store/").contains("-user-1.0");
        String userPath = build.out().replaceAll("(?s).*\"path\" : \"(/cairn/store/[^\"]+)\".*", "$1");
        Path said = temp.resolve("store").resolve(userPath.substring("/cairn/store/".length())).resolve("said");
        assertThat(said).hasContent("hello from a sandboxed build");
        // greeter was its input, but its output does not refer to greeter's
        assertThat(closure(build)).containsExactly(userPath);
    }

    @Test
    void aPackagesJsonNamesItsClosureWithThePackageItsOutputRefersTo() throws IOException {
        String greeter = cairn(workspace, "build", "//tools/packages/greeter").out().strip();

        CliRun build = cairn(workspace, "build", "--json", "//tools/packages/caller");

        assertThat(build.exitCode()).as(build.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(build.out());
        String caller = json.get("path").asText();
        assertThat(caller).matches("/cairn/store/[0-9a-z]{32}-caller-1\\.0");
        assertThat(json.get("unsandboxed").asBoolean()).isFalse();
        assertThat(closure(build)).containsExactlyInAnyOrder(caller, greeter);
        Path wrapper = temp.resolve("store").resolve(caller.substring("/cairn/store/".length())).resolve("bin/greet-again");
        assertThat(Files.readString(wrapper)).contains("exec " + greeter + "/bin/greet");
    }

    @Test
    void aBuildRunningAToolItDoesNotDeclareFailsNamingTheToolAndLeavesNothing() throws IOException {
        CliRun fetch = cairn(workspace, "fetch", "//tools/packages/compiler");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        List<String> before = storeEntries();

        CliRun build = cairn(workspace, "build", "//tools/packages/compiler");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err())
                .contains("//tools/packages/compiler: build of compiler-1.0 failed with exit code 127: it runs `make`,"
                        + " which is not in its sandbox")
                .contains("make: command not found")
                .contains("hint: the sandbox holds only the package's declared inputs; add the Debian package that"
                        + " provides `make` to its inputs, e.g. inputs { debian.packages(List(\"make\")) }")
                .contains("then run `cairn lock`");
        assertThat(storeEntries()).containsExactlyInAnyOrderElementsOf(before).noneMatch(name -> name.endsWith("-compiler-1.0"));
    }

    @Test
    void aFailingBuildNamesItsLogAndLeavesNothing() throws IOException {
        CliRun build = cairn(workspace, "build", "//tools/packages/failing");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("build of failing-1.0 failed with exit code 3")
                .contains("FAIL: GreeterTest.greetsInFrench");
        assertThat(storeEntries()).noneMatch(name -> name.endsWith("-failing-1.0"));
        try (var scratch = Files.list(temp.resolve("cache/packaging/tmp"))) {
            assertThat(scratch).isEmpty();
        }
    }

    @Test
    void aKilledBuildLeavesNoProcessAndNothingInTheStore() throws Exception {
        Process cairn = CliRun.start(environment, "-C", workspace.toString(), "build", "//tools/packages/sleeper");
        cairn.getOutputStream().close();
        var err = new java.io.BufferedReader(new java.io.InputStreamReader(cairn.getErrorStream()));
        String line;
        do {
            line = err.readLine();
        } while (line != null && !line.contains("building sleeper-1.0"));
        assertThat(line).as("the build started").isNotNull();
        List<ProcessHandle> tree = List.of();
        for (int i = 0; i < 100 && tree.stream().noneMatch(p -> p.info().command().orElse("").endsWith("sleep")); i++) {
            Thread.sleep(100);
            tree = cairn.descendants().toList();
        }
        assertThat(tree).as("the sandboxed sleep runs").anyMatch(p -> p.info().command().orElse("").endsWith("sleep"));

        cairn.destroyForcibly().waitFor();
        for (int i = 0; i < 100 && tree.stream().anyMatch(ProcessHandle::isAlive); i++) {
            Thread.sleep(100);
        }

        assertThat(tree).as("processes left behind").noneMatch(ProcessHandle::isAlive);
        assertThat(storeEntries()).noneMatch(name -> name.endsWith("-sleeper-1.0"));
        String abandoned = cairn.pid() + ".sleeper-1.0-";
        cairn(workspace, "build", "//tools/packages/failing"); // any build that runs clears what a dead one left
        try (var scratch = Files.list(temp.resolve("cache/packaging/tmp"))) {
            assertThat(scratch).noneMatch(p -> p.getFileName().toString().startsWith(abandoned));
        }
    }

    @Test
    void aNondeterministicBuildFailsTheCheckNamingTheFile() {
        assertThat(cairn(workspace, "build", "//tools/packages/noisy").exitCode()).isZero();

        CliRun check = cairn(workspace, "build", "--check", "//tools/packages/noisy");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("not reproducible").contains("noise: content differs");
    }

    @Test
    void twoCheckoutsOfTheSameSourcesBuildTheSameStorePath() throws Exception {
        Path copy = temp.resolve("elsewhere/ws");
        Files.createDirectories(copy.getParent());
        Processes.ok("cp", "-a", workspace.toString(), copy.toString());
        Processes.ok("touch", "-d", "2030-01-01", copy.resolve("cells/tools/src/message.txt").toString());

        CliRun here = cairn(workspace, "build", "//tools/packages/greeter");
        CliRun there = cairn(copy, "build", "//tools/packages/greeter");

        assertThat(there.exitCode()).as(there.err()).isZero();
        assertThat(there.out()).isEqualTo(here.out());
    }

    @Test
    void aCheckoutWithBuildLeftoversGivesTheSameSourcePathAndOutputAsACleanOne() throws Exception {
        Path messy = temp.resolve("messy/ws");
        Files.createDirectories(messy.getParent());
        Processes.ok("cp", "-a", workspace.toString(), messy.toString());
        Path app = messy.resolve("cells/tools/app");
        Files.createDirectories(app.resolve("target/classes"));
        Files.writeString(app.resolve("target/classes/junk"), "compiled\n");
        Files.createDirectories(app.resolve("node_modules/x"));
        Files.writeString(app.resolve("node_modules/x/index.js"), "module.exports = 1\n");
        Files.createDirectories(app.resolve(".git"));
        Files.writeString(app.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(app.resolve("build.log"), "built\n");
        Files.writeString(app.resolve("lib/trace.log"), "traced\n");
        Files.writeString(app.resolve("main.c~"), "int old;\n");
        Files.createDirectories(app.resolve("empty"));

        CliRun clean = cairn(workspace, "build", "//tools/packages/lister");
        CliRun built = cairn(messy, "build", "//tools/packages/lister");

        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).isEqualTo(clean.out());
        Path output = temp.resolve("store").resolve(built.out().strip().substring("/cairn/store/".length()));
        assertThat(output.resolve("files")).hasContent("lib\nlib/util.c\nmain.c");
        assertThat(output.resolve("src")).content().matches("/cairn/store/[0-9a-z]{32}-lister-source\n");
    }

    @Test
    void whyExplainsAPackagesDebianInputsAndItsOutputsClosure() {
        CliRun debian = cairn(workspace, "why", "//tools/packages/greeter", "libacl1");
        assertThat(debian.exitCode()).as(debian.err()).isZero();
        assertThat(debian.out()).startsWith("coreutils ").contains("(asked for)").contains("→ libacl1 ");

        String user = cairn(workspace, "build", "//tools/packages/user").out().strip();
        CliRun self = cairn(workspace, "why", "//tools/packages/user", user);
        assertThat(self.exitCode()).as(self.err()).isZero();
        assertThat(self.out()).contains(user + " (the last build of //tools/packages/user)");

        CliRun absent = cairn(workspace, "why", "//tools/packages/user", "libjpeg62-turbo");
        assertThat(absent.exitCode()).isEqualTo(1);
        assertThat(absent.err()).contains("libjpeg62-turbo is not among the Debian packages of //tools/packages/user");
    }

    @Test
    void afterAFetchTheBuildNeedsNoNetworkAndNoRepository() throws Exception {
        Map<String, String> fresh = Map.of("CAIRN_STORE", temp.resolve("fetch-store").toString(),
                "CAIRN_CACHE", temp.resolve("fetch-cache").toString());
        CliRun fetch = CliRun.run(fresh, "-C", workspace.toString(), "fetch", "//tools/packages/user");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(fetch.err()).contains("its inputs are in the store").doesNotContain("building greeter");

        Path mirror = temp.resolve("mirror");
        Path away = temp.resolve("mirror-away");
        Files.move(mirror, away);
        try {
            CliRun build = CliRun.under(List.of("unshare", "-n"), fresh, "-C", workspace.toString(), "build",
                    "//tools/packages/user");
            assertThat(build.exitCode()).as(build.err()).isZero();
            assertThat(build.err()).doesNotContain("fetching");
        } finally {
            Files.move(away, mirror);
        }
    }

    @Test
    void aDevShellWorksOnTheRealSourceInTheBuildsSandbox() throws IOException {
        CliRun shell = cairn(workspace, "develop", "//tools/packages/greeter", "--", "bash", "-c",
                "cat message.txt; echo \"out=$out\"; tail -n +3 /proc/net/dev | wc -l; echo edited > scratch.txt; exit 7");

        assertThat(shell.exitCode()).as(shell.err()).isEqualTo(7);
        assertThat(shell.out()).contains("hello from a sandboxed build").contains("out=/cairn/store/")
                .contains("-greeter-1.0\n1\n");
        Path edited = workspace.resolve("cells/tools/src/scratch.txt");
        assertThat(edited).hasContent("edited");
        Files.delete(edited);
    }

    @Test
    void aDevShellReachesTheHostsLoopbackOnlyWithNetworkAndWarnsThatTheBuildWillNot() {
        String probe = "if (exec 3<>/dev/tcp/127.0.0.1/" + server.getAddress().getPort()
                + ") 2>/dev/null; then echo reachable; else echo unreachable; fi";

        CliRun isolated = cairn(workspace, "develop", "//tools/packages/greeter", "--", "bash", "-c", probe);
        CliRun networked = cairn(workspace, "develop", "--network", "//tools/packages/greeter", "--", "bash", "-c", probe);

        assertThat(isolated.exitCode()).as(isolated.err()).isZero();
        assertThat(isolated.out().lines()).containsExactly("unreachable");
        assertThat(isolated.err()).doesNotContain("cairn: warning");
        assertThat(networked.exitCode()).as(networked.err()).isZero();
        assertThat(networked.out().lines()).containsExactly("reachable");
        assertThat(networked.err()).contains(
                "cairn: warning: this shell reaches the network; a build of //tools/packages/greeter will not");
    }

    @Test
    void withoutTheSandboxABuildIsRefusedUnlessCairnStoreIsTheStore() {
        Path store = temp.resolve("unsandboxed-store");
        Map<String, String> elsewhere = Map.of("CAIRN_STORE", store.toString(),
                "CAIRN_CACHE", temp.resolve("unsandboxed-cache").toString());

        CliRun build = CliRun.run(elsewhere, "-C", workspace.toString(), "build", "--no-sandbox", "//tools/packages/greeter");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("--no-sandbox runs the build on this host")
                .contains("the store is at " + store)
                .contains("CAIRN_STORE=/cairn/store")
                .contains("ln -s " + store + " /cairn/store")
                .doesNotContain("building");
        assertThat(store).doesNotExist();
        assertThat(build.out()).isEmpty();
    }

    /**
     * Run in a mount namespace of its own where the test's store is bound at /cairn/store, so the
     * host build's store paths resolve as they would on a machine whose store is there; the
     * host's own /cairn/store is left alone.
     */
    @Test
    void withoutTheSandboxABuildRunsOnTheHostWarnsAndIsMarkedUnsandboxed() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/cairn/store")) && isRoot(),
                "needs root and a /cairn/store directory to bind the test's store onto");
        String sandboxed = cairn(workspace, "build", "//tools/packages/greeter").out().strip();
        Path store = temp.resolve("store");
        List<String> storeAtCairnStore = List.of("unshare", "-m", "sh", "-c",
                "mount --bind \"$0\" /cairn/store && exec \"$@\"", store.toString());

        CliRun build = CliRun.under(storeAtCairnStore, environment, "-C", workspace.toString(), "build", "--no-sandbox",
                "--json", "//tools/packages/user");

        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.err()).contains("cairn: warning: building greeter-1.0 WITHOUT the sandbox")
                .contains("cairn: warning: building user-1.0 WITHOUT the sandbox")
                .contains("reach the network").contains("host's files").contains("host's /usr")
                .contains("marked unsandboxed");
        assertThat(build.out()).contains("\"unsandboxed\" : true");
        String user = build.out().replaceAll("(?s).*\"path\" : \"(/cairn/store/[^\"]+)\".*", "$1");
        // greeter's wrapper names its own store path, rewritten from the scratch path it was built at,
        // and user ran it from there.
        assertThat(store.resolve(user.substring("/cairn/store/".length())).resolve("said"))
                .hasContent("hello from a sandboxed build");
        String greeter = build.err().replaceAll("(?s).*building greeter-1\\.0 → (/cairn/store/[0-9a-z]{32}-greeter-1\\.0).*",
                "$1");
        assertThat(greeter).startsWith("/cairn/store/").isNotEqualTo(sandboxed);
        Path greeterInfo = store.resolve(".cairn/info").resolve(greeter.substring("/cairn/store/".length()) + ".json");
        assertThat(greeterInfo).content().contains("\"unsandboxed\" : true");
        assertThat(store.resolve(greeter.substring("/cairn/store/".length())).resolve("bin/greet")).content()
                .contains(greeter + "/share/message").doesNotContain("/tmp/");
    }

    private static boolean isRoot() {
        try {
            return "0".equals(Processes.ok("id", "-u").strip());
        } catch (Exception e) {
            return false;
        }
    }

    private CliRun cairn(Path root, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(environment, all);
    }

    private static List<String> closure(CliRun json) throws IOException {
        List<String> closure = new java.util.ArrayList<>();
        new ObjectMapper().readTree(json.out()).get("closure").forEach(path -> closure.add(path.asText()));
        return closure;
    }

    private static List<String> storeEntries() throws IOException {
        if (!Files.exists(temp.resolve("store"))) {
            return List.of();
        }
        try (var entries = Files.list(temp.resolve("store"))) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    private static Path writeWorkspace(Path root, AptListsMirror mirror, int port, List<Path> hostFiles) throws IOException {
        Files.createDirectories(root.resolve("cells/tools/src"));
        MirrorWorkspace.writeCairnPkl(root, "packages", mirror);
        Files.writeString(root.resolve("cells/tools/src/message.txt"), "hello from a sandboxed build\n");
        Files.createDirectories(root.resolve("cells/tools/app/lib"));
        Files.writeString(root.resolve("cells/tools/app/main.c"), "int main;\n");
        Files.writeString(root.resolve("cells/tools/app/lib/util.c"), "int util;\n");
        Files.writeString(root.resolve("cells/tools/packages.pkl"), """
                amends "cairn:Packages"
                import "cairn:debian"

                local tools = debian.packages(List("bash", "coreutils"))

                packages {
                  ["greeter"] = new Command {
                    version = "1.0"
                    source = "src"
                    inputs { tools }
                    script = #\"""
                      mkdir -p $out/bin $out/share
                      cp message.txt $out/share/message
                      printf '#!/usr/bin/env bash\\ncat %%s/share/message\\n' "$out" > $out/bin/greet
                      chmod +x $out/bin/greet
                      date -d @$SOURCE_DATE_EPOCH -u > $out/share/built
                      \"""#
                  }
                  ["lister"] = new Command {
                    version = "1.0"
                    source = "app"
                    exclude { "target/"; "node_modules/"; "*.log" }
                    inputs { tools }
                    script = "mkdir -p $out; shopt -s globstar dotglob; for f in **; do echo $f; done > $out/files; echo $src > $out/src"
                  }
                  ["user"] = new Command {
                    version = "1.0"
                    inputs { tools; "//tools/packages/greeter" }
                    script = "mkdir -p $out && greet > $out/said"
                  }
                  ["caller"] = new Command {
                    version = "1.0"
                    inputs { tools; "//tools/packages/greeter" }
                    script = #\"""
                      mkdir -p $out/bin
                      printf '#!/usr/bin/env bash\\nexec %%s "$@"\\n' "$(command -v greet)" > $out/bin/greet-again
                      chmod +x $out/bin/greet-again
                      \"""#
                  }
                  ["compiler"] = new Command {
                    version = "1.0"
                    source = "app"
                    inputs { tools }
                    script = "mkdir -p $out; make main"
                  }
                  ["prober"] = new Command {
                    version = "1.0"
                    inputs { tools }
                    script = #\"""
                      mkdir -p $out
                      tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' > $out/interfaces
                      if (exec 3<>/dev/tcp/127.0.0.1/%d) 2>/dev/null; then echo reachable; else echo unreachable; fi > $out/server
                      for f in %s; do if [ -e "$f" ]; then echo "seen $f"; else echo "hidden $f"; fi; done > $out/host-files
                      \"""#
                  }
                  ["failing"] = new Command {
                    version = "1.0"
                    inputs { tools }
                    script = "echo 'running tests'; echo 'FAIL: GreeterTest.greetsInFrench' >&2; exit 3"
                  }
                  ["sleeper"] = new Command {
                    version = "1.0"
                    inputs { tools }
                    script = "mkdir -p $out/half && echo written > $out/half/file && sleep 300"
                  }
                  ["noisy"] = new Command {
                    version = "1.0"
                    inputs { tools }
                    script = "mkdir -p $out && head -c 32 /dev/urandom | od -x > $out/noise"
                  }
                }
                """.formatted(port, String.join(" ", hostFiles.stream().map(Path::toString).toList())));
        return root;
    }
}
