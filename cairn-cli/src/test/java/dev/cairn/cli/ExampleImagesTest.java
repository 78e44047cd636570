package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.oci.testing.LocalRegistry;
import dev.cairn.oci.testing.Processes;
import dev.cairn.oci.testing.RuncBundle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6's "done when", on a copy of examples/: both example services, built from source by
 * cairn (package, operable, image), published to a registry on 127.0.0.1, pulled back with
 * skopeo, unpacked with umoci and run under runc on the host's network, answer HTTP; their
 * liveness probes pass; without a required option they stop with exit 78; the image holds its
 * operable's runtime closure and nothing else; the two images share their common Debian layers;
 * and another store builds the same digest. The Debian packages come from a file: mirror of the
 * machine's apt data and the Maven artifacts from the machine's ~/.m2 served on 127.0.0.1.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleImagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Service GREETER = new Service("greeter");
    private static final Service NOTES = new Service("notes");
    /** The JVM and Node.js start in a few seconds; a loaded CI machine gets some slack. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** What a standard image adds outside /cairn/store besides the Debian root filesystem (StandardImage). */
    private static final List<String> IMAGE_ENTRIES = List.of("bin/entrypoint", "bin/runtime", "bin/live", "bin/ready",
            "tmp");

    /**
     * A Debian package's layer in the config's history, {@code cairn contents debian libc6
     * 2.36-9+deb12u13 (/cairn/store/…-libc6-…) -> /}: a version starts with a digit, which tells
     * it from the rootfs configuration's layer, which is each image's own.
     */
    private static final Pattern DEBIAN_PACKAGE_LAYER = Pattern.compile("cairn contents (debian \\S+ [0-9]\\S*) \\(.*\\) -> /");

    @TempDir
    static Path temp;

    private Path checkout;
    private Map<String, String> environment;
    private MavenRepositoryServer maven;
    private LocalRegistry registry;
    private final Map<Service, Pulled> pulled = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** An example service: its cell, its image and its operable are all named after it. */
    private record Service(String name) {
        String image() {
            return "//" + name + "/oci-images/" + name;
        }

        String operable() {
            return "//" + name + "/operables/" + name;
        }
    }

    /** A service's image as the registry gave it back: the digest cairn published, the layout skopeo wrote, unpacked. */
    private record Pulled(String digest, Path layout, RuncBundle bundle) {}

    @BeforeAll
    void lockTheExamples() throws Exception {
        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        maven = MavenRepositoryServer.serving(MavenRepositoryServer.M2);
        checkout = ExampleWorkspaces.offlineCopy(temp.resolve("examples"), mirror, maven);
        environment = new HashMap<>(TestWorkspace.environment(temp));
        // No credentials of the machine's: the registry on 127.0.0.1 asks for none.
        environment.put("DOCKER_CONFIG", temp.resolve("no-docker-config").toString());
        environment.put("XDG_RUNTIME_DIR", temp.resolve("runtime").toString());
        ok(CliRun.run(environment, "-C", checkout.toString(), "lock"));
        registry = LocalRegistry.start();
    }

    /**
     * Stores and unpacked root filesystems are full of absolute symlinks, which JUnit's cleanup
     * warns about one by one: rm deletes them quietly.
     */
    @AfterAll
    void stopAndCleanUp() throws Exception {
        try (LocalRegistry stopRegistry = registry; MavenRepositoryServer stopMaven = maven;
                Stream<Path> entries = Files.list(temp)) {
            for (Path entry : entries.toList()) {
                Processes.ok("rm", "-rf", entry.toString());
            }
        }
    }

    @Test
    void theGreeterFromTheRegistryAnswersUnderRuncAndIsLive() throws Exception {
        int port = LocalRegistry.freePort();
        try (RuncBundle.Container greeter = serving(GREETER, port)) {
            awaitHealthy(greeter, port);

            HttpResponse<String> greeting = http.send(request(port, "/greeting?name=runc").GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(greeting.statusCode()).as(greeting.body()).isEqualTo(200);
            assertThat(JSON.readTree(greeting.body())).isEqualTo(JSON.readTree("{\"message\":\"Hello, runc!\",\"name\":\"runc\"}"));
            assertLive(greeter);
        }
    }

    /**
     * Issue #7: the greeter's rendered systemd unit (dev) passes {@code systemd-analyze verify}, and
     * its {@code ExecStart} starts the Java service under the unit's conditions (see
     * {@link SystemdUnitRun}; the host's network, which a unit shares) on exactly the Debian packages
     * the unit asks the host for: the service answers HTTP.
     */
    @Test
    void theGreetersSystemdUnitStartsTheServiceInTheUnitsEnvironment() throws Exception {
        Path out = temp.resolve("units");
        ok(CliRun.run(environment, "-C", checkout.toString(), "render", "//greeter/systemd-charts/greeter", "--env", "dev",
                "--out", out.toString()));
        String unit = Files.readString(out.resolve("greeter.service"));
        Path store = temp.resolve("store");
        Processes.Result verify = Processes.run("bwrap", "--dev-bind", "/", "/", "--bind", store.toString(), "/cairn/store",
                "--", "systemd-analyze", "verify", "--man=no", out.resolve("greeter.service").toString());
        assertThat(verify.output() + verify.errors()).as(unit).isEmpty();
        assertThat(verify.exit()).isZero();

        String execStart = SystemdUnitRun.execStart(unit);
        Path operable = store.resolve(storeName(execStart.substring(0, execStart.indexOf("/bin/"))));
        dev.cairn.operable.OperableManifest manifest = dev.cairn.operable.OperableManifest.parse(
                Files.readString(operable.resolve(dev.cairn.operable.OperableManifest.FILE)), operable.toString());
        Path rootfs = dev.cairn.packaging.derivation.MergedRootfs.of(dev.cairn.store.Store.open(store), manifest.rootfs(),
                temp.resolve("unit-rootfs"));
        // The one value not the unit's own: its PORT is the image's fixed 8080, and the service shares
        // the host's network as a unit does, where on a shared test machine 8080 may be taken (this
        // class's runc tests take free ports for the same reason). So PORT alone becomes a free port;
        // bwrap's last --setenv wins, and every other variable is the unit's Environment=.
        assertThat(unit).contains("Environment=\"PORT=8080\"\n");
        int port = LocalRegistry.freePort();
        List<String> command = new ArrayList<>(List.of("bwrap"));
        command.addAll(SystemdUnitRun.rootDirectory(rootfs));
        command.addAll(List.of("--ro-bind", store.toString(), "/cairn/store"));
        command.addAll(SystemdUnitRun.sandbox(unit));
        command.addAll(List.of("--share-net", "--setenv", "PORT", Integer.toString(port), "--remount-ro", "/", "--", execStart));
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("unit.log").toFile()).start();
        try {
            Instant deadline = Instant.now().plus(STARTUP);
            HttpResponse<String> answer = null;
            while (answer == null) {
                try {
                    answer = http.send(request(port, "/greeting?name=systemd").GET().build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException notListeningYet) {
                    assertThat(service.isAlive()).as(Files.readString(temp.resolve("unit.log"))).isTrue();
                    assertThat(Instant.now()).as(Files.readString(temp.resolve("unit.log"))).isBefore(deadline);
                    Thread.sleep(200);
                }
            }
            assertThat(answer.body()).isEqualTo("{\"message\":\"Hello, systemd!\",\"name\":\"systemd\"}");
            assertThat(Files.readString(temp.resolve("unit.log"))).contains("greeter: dev, port " + port);
        } finally {
            service.destroy();
            if (!service.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /**
     * Issue #7: {@code cairn diff} on the examples themselves, a systemd unit and a Nomad job: exit 1,
     * and the lines it changes are exactly what environments/prod.pkl sets otherwise than dev.pkl.
     * (Exit 0 for equal renders is ChartVerbsTest's: the examples have no two equal environments.)
     */
    @Test
    void diffOfTheExamplesChangesExactlyTheLinesTheirEnvironmentsSet() {
        CliRun unit = CliRun.run(environment, "-C", checkout.toString(), "diff", "//greeter/systemd-charts/greeter",
                "--env", "dev", "--env", "prod");
        assertThat(unit.exitCode()).as(unit.err()).isEqualTo(1);
        assertThat(unit.out()).startsWith("--- //greeter/systemd-charts/greeter --env dev\n"
                + "+++ //greeter/systemd-charts/greeter --env prod\n@@ ");
        assertThat(changedLines(unit.out())).containsExactlyInAnyOrder(
                "-Environment=\"DEPLOYMENT_ENVIRONMENT=dev\"", "+Environment=\"DEPLOYMENT_ENVIRONMENT=prod\"",
                "-MemoryMax=512M", "+MemoryMax=1G", "-Restart=on-failure", "+Restart=always", "+TimeoutStopSec=30s");

        CliRun job = CliRun.run(environment, "-C", checkout.toString(), "diff", "//notes/nomad-charts/notes",
                "--env", "dev", "--env", "prod");
        assertThat(job.exitCode()).as(job.err()).isEqualTo(1);
        // JSON lines without their indentation and trailing commas
        List<String> changed = changedLines(job.out()).stream()
                .map(l -> l.charAt(0) + l.substring(1).strip().replaceFirst(",$", "")).toList();
        assertThat(changed).filteredOn(l -> !l.contains("\"cairn.config-sha256\"")).containsExactlyInAnyOrder(
                "-\"Count\" : 1", "+\"Count\" : 3", "-\"CPU\" : 200", "+\"CPU\" : 500",
                "-\"MemoryMB\" : 192", "+\"MemoryMB\" : 512",
                "-\"DEPLOYMENT_ENVIRONMENT\" : \"dev\"", "+\"DEPLOYMENT_ENVIRONMENT\" : \"prod\"",
                "-\"NODE_OPTIONS\" : \"--max-old-space-size=128\"", "+\"NODE_OPTIONS\" : \"--max-old-space-size=384\"");
        // the job's config hash follows its Env
        assertThat(changed).filteredOn(l -> l.contains("\"cairn.config-sha256\"")).hasSize(2);
    }

    /** A unified diff's removed and added lines, without its {@code ---}/{@code +++} header. */
    private static List<String> changedLines(String diff) {
        return diff.lines().filter(l -> l.startsWith("-") || l.startsWith("+"))
                .filter(l -> !l.startsWith("--- ") && !l.startsWith("+++ ")).toList();
    }

    @Test
    void theNotesServiceFromTheRegistryAnswersUnderRuncAndIsLive() throws Exception {
        int port = LocalRegistry.freePort();
        try (RuncBundle.Container notes = serving(NOTES, port)) {
            awaitHealthy(notes, port);

            HttpResponse<String> created = http.send(request(port, "/notes")
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> listed = http.send(request(port, "/notes").GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(JSON.readTree(created.body())).isEqualTo(JSON.readTree("{\"id\":1,\"text\":\"hi\"}"));
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            assertThat(JSON.readTree(listed.body())).isEqualTo(JSON.readTree("[{\"id\":1,\"text\":\"hi\"}]"));
            assertLive(notes);
        }
    }

    @Test
    void withoutARequiredOptionEachServiceStopsWithExit78NamingIt() throws Exception {
        for (Service service : List.of(GREETER, NOTES)) {
            // The image's own config: DEPLOYMENT_ENVIRONMENT is an operator's to set, the image has no default.
            Processes.Result run = pulled(service).bundle().run();

            assertThat(run.exit()).as(service.name() + ": " + run.output() + run.errors()).isEqualTo(78);
            assertThat(run.output() + run.errors()).as(service.name()).contains("DEPLOYMENT_ENVIRONMENT is required");
        }
    }

    @Test
    void eachImageHoldsItsOperablesClosureAndNothingElse() throws Exception {
        for (Service service : List.of(GREETER, NOTES)) {
            Path rootfs = pulled(service).bundle().rootfs();
            JsonNode built = JSON.readTree(ok(CliRun.run(environment, "-C", checkout.toString(), "build",
                    service.operable(), "--json")).out());
            String operable = built.get("path").asText();
            JsonNode manifest = JSON.readTree(stored(operable).resolve("share/cairn/operable.json").toFile());
            List<String> debianRootfs = names(manifest.get("debian").get("rootfs"));
            Set<String> underStore = new TreeSet<>(names(built.get("closure")));
            underStore.removeAll(debianRootfs);

            assertThat(Files.readSymbolicLink(rootfs.resolve("bin/entrypoint")).toString()).startsWith(operable + "/");
            assertThat(debianRootfs).as("the Debian root filesystem of " + operable).isNotEmpty();
            assertThat(listNames(rootfs.resolve("cairn/store"))).as(service.name() + ": /cairn/store")
                    .containsExactlyInAnyOrderElementsOf(underStore);
            assertThat(outsideTheClosure(rootfs, debianRootfs)).as(service.name()
                    + ": paths outside /cairn/store in neither a Debian root filesystem object nor the image's own entries")
                    .isEmpty();
        }
    }

    @Test
    void theTwoServicesShareEveryDebianLayerTheyHaveInCommon() throws Exception {
        Map<String, String> greeter = debianLayers(pulled(GREETER).layout());
        Map<String, String> notes = debianLayers(pulled(NOTES).layout());
        Set<String> common = new TreeSet<>(greeter.keySet());
        common.retainAll(notes.keySet());
        Map<String, String> differing = new TreeMap<>();
        for (String pkg : common) {
            if (!greeter.get(pkg).equals(notes.get(pkg))) {
                differing.put(pkg, greeter.get(pkg) + " != " + notes.get(pkg));
            }
        }

        assertThat(common).anyMatch(pkg -> pkg.startsWith("debian libc6 "));
        assertThat(differing).as("Debian layers of both images whose digests differ").isEmpty();
    }

    @Test
    void anotherStoreBuildsTheSameImageDigest() throws Exception {
        String here = lastLine(ok(CliRun.run(environment, "-C", checkout.toString(), "build", GREETER.image(),
                "--out", temp.resolve("out/here").toString())));
        Map<String, String> elsewhere = new HashMap<>(environment);
        elsewhere.put("CAIRN_STORE", temp.resolve("elsewhere/store").toString());
        elsewhere.put("CAIRN_CACHE", temp.resolve("elsewhere/cache").toString());
        elsewhere.put("TZ", "Pacific/Chatham");

        // A clean store and cache, another time zone and umask: the package, the operable and every layer again.
        String there = lastLine(ok(CliRun.inDirectory(null, "077", elsewhere, "-C", checkout.toString(), "build",
                GREETER.image(), "--out", temp.resolve("out/there").toString())));

        assertThat(here).matches("sha256:[0-9a-f]{64}");
        assertThat(there).isEqualTo(here);
        assertThat(pulled(GREETER).digest()).as("the digest published").isEqualTo(here);
    }

    /** The service's image from the registry, run in the background on the host's network, listening on {@code port}. */
    private RuncBundle.Container serving(Service service, int port) throws Exception {
        RuncBundle bundle = pulled(service).bundle().withConfig(temp.resolve("bundles/" + service.name() + "-serving"),
                config -> {
                    ObjectNode process = (ObjectNode) config.get("process");
                    ((ArrayNode) process.get("env")).add("DEPLOYMENT_ENVIRONMENT=test").add("PORT=" + port);
                    ArrayNode namespaces = (ArrayNode) config.get("linux").get("namespaces");
                    for (int i = namespaces.size() - 1; i >= 0; i--) {
                        if (namespaces.get(i).get("type").asText().equals("network")) {
                            namespaces.remove(i);
                        }
                    }
                });
        return bundle.start(temp.resolve(service.name() + "-" + port + ".log"));
    }

    /** Builds and publishes the service's image, then pulls it back and unpacks it: once per service. */
    private Pulled pulled(Service service) throws Exception {
        Pulled done = pulled.get(service);
        if (done != null) {
            return done;
        }
        String tag = registry.address() + "/" + service.name() + ":test";
        CliRun publish = ok(CliRun.run(environment, "-C", checkout.toString(), "publish", service.image(), "--to", tag));
        String reference = publish.out().strip();
        assertThat(reference).startsWith(registry.address() + "/" + service.name() + "@sha256:");
        Path layout = Files.createDirectories(temp.resolve("pulled")).resolve(service.name());
        Processes.ok("skopeo", "copy", "--src-tls-verify=false", "docker://" + tag, "oci:" + layout + ":test");
        RuncBundle bundle = RuncBundle.unpack(layout, "test", temp.resolve("bundles/" + service.name()),
                temp.resolve("runc"));
        done = new Pulled(reference.substring(reference.indexOf('@') + 1), layout, bundle);
        pulled.put(service, done);
        return done;
    }

    /** Polls {@code /healthz} until it answers 200, the container stops, or {@link #STARTUP} passes. */
    private void awaitHealthy(RuncBundle.Container container, int port) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        while (true) {
            try {
                HttpResponse<String> health = http.send(request(port, "/healthz").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // polled again below, until the deadline
            }
            if (!container.isRunning()) {
                throw new AssertionError("the container stopped before it answered on port " + port + ":\n"
                        + container.log());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("nothing answered on port " + port + " within " + STARTUP + ":\n" + container.log());
            }
            Thread.sleep(200);
        }
    }

    private static void assertLive(RuncBundle.Container container) throws Exception {
        Processes.Result live = container.exec("/bin/live");
        assertThat(live.exit()).as("/bin/live: " + live.output() + live.errors()).isZero();
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    /**
     * What the unpacked root filesystem has outside {@code /cairn/store} that is in none of the
     * Debian root filesystem objects (at the same path) and is not one of the image's own
     * entries or their parents.
     */
    private static List<String> outsideTheClosure(Path rootfs, List<String> debianRootfs) throws IOException {
        Set<String> own = new LinkedHashSet<>(IMAGE_ENTRIES);
        own.add("cairn/store");
        for (String entry : List.copyOf(own)) {
            for (Path parent = Path.of(entry).getParent(); parent != null; parent = parent.getParent()) {
                own.add(parent.toString());
            }
        }
        List<String> strays = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(rootfs)) {
            for (Path path : paths.toList()) {
                String relative = rootfs.relativize(path).toString();
                if (relative.isEmpty() || relative.startsWith("cairn/store/") || own.contains(relative)) {
                    continue;
                }
                boolean inDebian = debianRootfs.stream()
                        .anyMatch(object -> Files.exists(temp.resolve("store").resolve(object).resolve(relative),
                                LinkOption.NOFOLLOW_LINKS));
                if (!inDebian) {
                    strays.add("/" + relative);
                }
            }
        }
        return strays;
    }

    /** Each Debian package's layer, by its history's label without the store path: "debian NAME VERSION" → digest. */
    private static Map<String, String> debianLayers(Path layout) throws IOException {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(layout, index.get("manifests").get(0).get("digest").asText()).toFile());
        JsonNode config = JSON.readTree(blob(layout, manifest.get("config").get("digest").asText()).toFile());
        List<JsonNode> history = new ArrayList<>();
        config.get("history").forEach(entry -> {
            if (!entry.path("empty_layer").asBoolean(false)) {
                history.add(entry);
            }
        });
        JsonNode layers = manifest.get("layers");
        assertThat(history).as("history entries of layers in " + layout).hasSize(layers.size());
        Map<String, String> debian = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Matcher label = DEBIAN_PACKAGE_LAYER.matcher(history.get(i).get("created_by").asText());
            if (label.matches()) {
                debian.put(label.group(1), layers.get(i).get("digest").asText());
            }
        }
        return debian;
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    /** Store paths as the names of the objects in the store's directory. */
    private static List<String> names(JsonNode storePaths) {
        List<String> names = new ArrayList<>();
        storePaths.forEach(path -> names.add(storeName(path.asText())));
        return names;
    }

    private static String storeName(String storePath) {
        assertThat(storePath).startsWith("/cairn/store/");
        return storePath.substring("/cairn/store/".length());
    }

    private static List<String> listNames(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    private static Path stored(String storePath) {
        return temp.resolve("store").resolve(storeName(storePath));
    }

    private static String lastLine(CliRun run) {
        List<String> lines = run.out().strip().lines().toList();
        assertThat(lines).as(run.err()).isNotEmpty();
        return lines.getLast();
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }
}
