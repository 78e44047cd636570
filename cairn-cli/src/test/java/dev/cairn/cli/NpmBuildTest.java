package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.oci.testing.Processes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * npm packages built for real, offline: a tiny npm registry served on 127.0.0.1 from tarballs
 * the test packs, Node.js, bash and coreutils from Debian (locked from the machine's apt data),
 * the build in bubblewrap. The registry's URL reaches cairn only through the user's
 * {@code .npmrc}, as npm's own would.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NpmBuildTest {
    @TempDir
    static Path temp;

    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final Map<String, String> integrity = new HashMap<>();
    private HttpServer server;
    private String registry;
    private Path workspace;
    private Map<String, String> environment;

    @BeforeAll
    void serveARegistryAndLockAWorkspace() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath().substring(1));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        registry = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        publish("pad", "1.0.0", Map.of(
                "package/package.json", "{\"name\":\"pad\",\"version\":\"1.0.0\",\"bin\":{\"pad\":\"bin/pad.js\"}}",
                "package/index.js", "module.exports = (s, n) => String(s).padStart(n, '*');\n",
                "package/bin/pad.js", "#!/usr/bin/env node\nconsole.log(require('..')(process.argv[2], 8));\n"));
        publish("greet", "2.0.0", Map.of(
                "package/package.json", "{\"name\":\"greet\",\"version\":\"2.0.0\",\"dependencies\":{\"pad\":\"^1.0.0\"}}",
                "package/index.js", "const pad = require('pad');\nmodule.exports = name => 'Hello, ' + pad(name, 6) + '!';\n"));
        publish("assertish", "1.0.0", Map.of(
                "package/package.json", "{\"name\":\"assertish\",\"version\":\"1.0.0\"}",
                "package/index.js", "module.exports = (a, b) => { if (a !== b) throw new Error(`${a} is not ${b}`); };\n"));
        publish("sneaky", "1.0.0", Map.of(
                "package/package.json", "{\"name\":\"sneaky\",\"version\":\"1.0.0\"}",
                "package/../../escaped.js", "pwned\n"));
        // What the lock promises for pad 1.0.1 is not what the registry serves.
        publish("pad", "1.0.1", Map.of("package/package.json", "{\"name\":\"pad\",\"version\":\"1.0.1\"}"));
        integrity.put("pad@1.0.1", sri("other bytes".getBytes(StandardCharsets.UTF_8)));

        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        workspace = temp.resolve("ws");
        Files.createDirectories(workspace.resolve("cells/apps"));
        MirrorWorkspace.writeCairnPkl(workspace, "npm", mirror);
        Files.writeString(workspace.resolve("cells/apps/packages.pkl"), """
                amends "cairn:Packages"

                packages {
                  ["hello"] = new Npm { version = "1.0.0"; source = "../../apps/hello" }
                  ["other"] = new Npm { version = "1.0.0"; source = "../../apps/other" }
                  ["failing"] = new Npm { version = "1.0.0"; source = "../../apps/failing" }
                  ["tampered"] = new Npm { version = "1.0.0"; source = "../../apps/tampered" }
                  ["stale"] = new Npm { version = "1.0.0"; source = "../../apps/stale" }
                  ["hostile"] = new Npm { version = "1.0.0"; source = "../../apps/hostile" }
                }
                """);
        String greetTest = """
                const test = require('node:test');
                const equal = require('assertish');
                const greet = require('greet');
                test('greets with padding', () => equal(greet('Bo'), 'Hello, ****Bo!'));
                """;
        app("hello", Map.of("greet", "^2.0.0"), Map.of("assertish", "^1.0.0"), List.of("greet@2.0.0", "pad@1.0.0"),
                List.of("assertish@1.0.0"), greetTest);
        app("other", Map.of("greet", "^2.0.0"), Map.of(), List.of("greet@2.0.0", "pad@1.0.0"), List.of(), null);
        app("failing", Map.of("greet", "^2.0.0"), Map.of("assertish", "^1.0.0"), List.of("greet@2.0.0", "pad@1.0.0"),
                List.of("assertish@1.0.0"), """
                        const test = require('node:test');
                        const equal = require('assertish');
                        const greet = require('greet');
                        test('greets in French', () => equal(greet('Bo'), 'Bonjour, Bo'));
                        """);
        app("tampered", Map.of("pad", "1.0.1"), Map.of(), List.of("pad@1.0.1"), List.of(), null);
        app("hostile", Map.of("sneaky", "^1.0.0"), Map.of(), List.of("sneaky@1.0.0"), List.of(), null);
        app("stale", Map.of("greet", "^2.0.0"), Map.of(), List.of("greet@2.0.0", "pad@1.0.0"), List.of(), null);
        Path stale = workspace.resolve("apps/stale/package.json");
        Files.writeString(stale, Files.readString(stale).replace("\"greet\": \"^2.0.0\"", "\"greet\": \"^2.0.0\", \"leftover\": \"^1.0.0\""));

        Path home = Files.createDirectories(temp.resolve("home"));
        Files.writeString(home.resolve(".npmrc"), "; the test's registry\nregistry=" + registry + "\n");
        environment = new HashMap<>(TestWorkspace.environment(temp));
        environment.put("HOME", home.toString());
        CliRun lock = cairn("lock");
        assertThat(lock.exitCode()).as(lock.err()).isZero();
    }

    @AfterAll
    void stopTheRegistry() {
        server.stop(0);
    }

    @Test
    void anAppBuildsWithItsDependenciesTestsPassAndTheOutputRuns() throws Exception {
        CliRun build = cairn("build", "//apps/packages/hello");

        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.err()).contains("# pass 1");
        Path out = stored(build.out().strip());
        Path app = out.resolve("lib/node_modules/hello");
        assertThat(app.resolve("dist/padded")).hasContent("*******x\n");
        assertThat(app.resolve("node_modules/greet/index.js")).exists();
        assertThat(app.resolve("node_modules/pad/index.js")).exists();
        assertThat(app.resolve("node_modules/assertish")).as("dev dependencies stay out").doesNotExist();
        assertThat(Files.readSymbolicLink(app.resolve("node_modules/.bin/pad"))).isEqualTo(Path.of("../pad/bin/pad.js"));
        String wrapper = Files.readString(out.resolve("bin/hello"));
        assertThat(wrapper).isEqualTo("#!/bin/sh\nexec node " + build.out().strip() + "/lib/node_modules/hello/cli.js \"$@\"\n");
        assertThat(Processes.ok("node", app.resolve("cli.js").toString(), "Bo")).isEqualTo("Hello, ****Bo!\n");

        CliRun again = cairn("build", "//apps/packages/hello");
        assertThat(again.out()).isEqualTo(build.out());
        assertThat(again.err()).doesNotContain("building");
    }

    @Test
    void eachTarballIsOneStoreObjectSharedByTheAppsUsingIt() throws IOException {
        assertThat(cairn("build", "//apps/packages/hello").exitCode()).isZero();
        CliRun other = cairn("build", "//apps/packages/other");

        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(storeEntries()).filteredOn(name -> name.endsWith("-npm-greet-2.0.0")).hasSize(1);
        assertThat(storeEntries()).filteredOn(name -> name.endsWith("-npm-pad-1.0.0")).hasSize(1);
        Path greet = temp.resolve("store").resolve(storeEntries().stream()
                .filter(name -> name.endsWith("-npm-greet-2.0.0")).findFirst().orElseThrow());
        assertThat(greet.resolve("package.json")).exists();
    }

    @Test
    void aFailingTestFailsTheBuildNamingTheTest() throws IOException {
        CliRun build = cairn("build", "//apps/packages/failing");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("build of failing-1.0.0 failed").contains("greets in French")
                .contains("the npm script 'test' failed");
        assertThat(storeEntries()).noneMatch(name -> name.endsWith("-failing-1.0.0"));
    }

    @Test
    void aTarballNotMatchingItsIntegrityFailsNamingBothHashes() throws IOException {
        CliRun build = cairn("build", "//apps/packages/tampered");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("npm package pad 1.0.1")
                .contains("expected " + integrity.get("pad@1.0.1"))
                .contains("got " + sri(served.get("pad/-/pad-1.0.1.tgz")));
        assertThat(storeEntries()).noneMatch(name -> name.endsWith("-npm-pad-1.0.1") || name.endsWith("-tampered-1.0.0"));
    }

    @Test
    void aDependencyMissingFromTheLockIsAStaleLock() {
        CliRun build = cairn("build", "//apps/packages/stale");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("leftover ^1.0.0, which package-lock.json does not have")
                .contains("run npm install to update package-lock.json");
    }

    @Test
    void aTarballWithAHostilePathIsRefused() throws IOException {
        CliRun build = cairn("build", "//apps/packages/hostile");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("sneaky 1.0.0").contains("package/../../escaped.js");
        assertThat(storeEntries()).noneMatch(name -> name.contains("sneaky"));
        assertThat(temp.resolve("escaped.js")).doesNotExist();
    }

    @Test
    void afterAFetchTheBuildNeedsNoRegistryAndNoNetwork() throws Exception {
        Map<String, String> fresh = new HashMap<>(environment);
        fresh.put("CAIRN_STORE", temp.resolve("fetch-store").toString());
        fresh.put("CAIRN_CACHE", temp.resolve("fetch-cache").toString());
        CliRun fetch = CliRun.run(fresh, "-C", workspace.toString(), "fetch", "//apps/packages/other");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(fetch.err()).contains("fetching greet 2.0.0").doesNotContain("building other");

        // No npm configuration at all, and no network: everything must come from the store.
        Path empty = Files.createDirectories(temp.resolve("no-npmrc"));
        fresh.put("HOME", empty.toString());
        CliRun build = CliRun.under(List.of("unshare", "-n"), fresh, "-C", workspace.toString(), "build",
                "//apps/packages/other");
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.err()).doesNotContain("fetching");
    }

    private CliRun cairn(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = workspace.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(environment, all);
    }

    private Path stored(String path) {
        assertThat(path).startsWith("/cairn/store/");
        return temp.resolve("store").resolve(path.substring("/cairn/store/".length()));
    }

    private static List<String> storeEntries() throws IOException {
        if (!Files.exists(temp.resolve("store"))) {
            return List.of();
        }
        try (var entries = Files.list(temp.resolve("store"))) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    /** Packs {@code files} as npm does (gzip, under {@code package/}) and serves it at {@code name/-/name-version.tgz}. */
    private void publish(String name, String version, Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
                entry.setSize(content.length);
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        served.put(name + "/-/" + name + "-" + version + ".tgz", bytes.toByteArray());
        integrity.put(name + "@" + version, sri(bytes.toByteArray()));
    }

    private static String sri(byte[] bytes) {
        try {
            return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An app in {@code apps/<name>} with its package.json, a package-lock.json (v3) and, when given, a test. */
    private void app(String name, Map<String, String> dependencies, Map<String, String> devDependencies,
            List<String> installed, List<String> devInstalled, String test) throws IOException {
        Path dir = Files.createDirectories(workspace.resolve("apps").resolve(name));
        String scripts = "\"build\": \"mkdir -p dist && pad x > dist/padded\""
                + (test == null ? "" : ", \"test\": \"node --test\"");
        Files.writeString(dir.resolve("package.json"), """
                {
                  "name": "%s",
                  "version": "1.0.0",
                  "bin": { "%s": "cli.js" },
                  "scripts": { %s },
                  "dependencies": { %s },
                  "devDependencies": { %s }
                }
                """.formatted(name, name, scripts, json(dependencies), json(devDependencies)));
        Files.writeString(dir.resolve("cli.js"), "console.log(require('greet')(process.argv[2]));\n");
        if (test != null) {
            Files.createDirectories(dir.resolve("test"));
            Files.writeString(dir.resolve("test/app.test.js"), test);
        }
        Map<String, String> packages = new LinkedHashMap<>();
        packages.put("", """
                { "name": "%s", "version": "1.0.0", "bin": { "%s": "cli.js" },
                  "dependencies": { %s }, "devDependencies": { %s } }""".formatted(name, name, json(dependencies),
                json(devDependencies)));
        for (String spec : installed) {
            packages.put("node_modules/" + spec.substring(0, spec.indexOf('@')), entry(spec, false));
        }
        for (String spec : devInstalled) {
            packages.put("node_modules/" + spec.substring(0, spec.indexOf('@')), entry(spec, true));
        }
        StringBuilder lock = new StringBuilder("{\n  \"name\": \"" + name + "\",\n  \"version\": \"1.0.0\",\n"
                + "  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {\n");
        lock.append(String.join(",\n", packages.entrySet().stream()
                .map(entry -> "    \"" + entry.getKey() + "\": " + entry.getValue()).toList()));
        lock.append("\n  }\n}\n");
        Files.writeString(dir.resolve("package-lock.json"), lock);
    }

    private String entry(String spec, boolean dev) {
        String name = spec.substring(0, spec.indexOf('@'));
        String version = spec.substring(spec.indexOf('@') + 1);
        String bin = name.equals("pad") && version.equals("1.0.0") ? ", \"bin\": { \"pad\": \"bin/pad.js\" }" : "";
        return "{ \"version\": \"" + version + "\", \"resolved\": \"" + registry + name + "/-/" + name + "-" + version
                + ".tgz\", \"integrity\": \"" + integrity.get(spec) + "\"" + bin + (dev ? ", \"dev\": true" : "") + " }";
    }

    private static String json(Map<String, String> map) {
        return String.join(", ", new java.util.TreeMap<>(map).entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\": \"" + entry.getValue() + "\"").toList());
    }
}
