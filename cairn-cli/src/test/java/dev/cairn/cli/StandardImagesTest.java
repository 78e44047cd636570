package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.oci.testing.Processes;
import dev.cairn.oci.testing.RuncBundle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard images as built, on a small workspace in a git checkout the test makes: two services
 * on bash (one with CA certificates, a readiness probe and Debian debug inputs, one with a
 * package to debug with) whose packages share a jar object. What the docs promise of the config, the manifest, {@code /bin/ready}, the debug
 * variant, {@code perms} and {@code cairn why} is checked on the images cairn writes.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandardImagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final String COMMITTED = "2024-05-06T07:08:09Z";

    @TempDir
    static Path temp;

    private Path workspace;
    private Map<String, String> environment;
    private String head;
    private final Map<String, Path> built = new java.util.HashMap<>();

    @BeforeAll
    void lockAWorkspaceInAGitCheckout() throws Exception {
        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        workspace = writeWorkspace(temp.resolve("shop"), mirror);
        environment = TestWorkspace.environment(temp);
        String git = "git -C " + workspace + " -c user.name=t -c user.email=t@example.com";
        Processes.ok("bash", "-c", "git init -q " + workspace + " && " + git + " add -A && GIT_COMMITTER_DATE=" + COMMITTED
                + " GIT_AUTHOR_DATE=" + COMMITTED + " " + git + " commit -q -m shop && " + git
                + " remote add origin https://ci:s3cret@git.example.com/acme/shop.git");
        head = Processes.ok("git", "-C", workspace.toString(), "rev-parse", "HEAD").strip();
        ok(CliRun.run(environment, "-C", workspace.toString(), "lock"));
        MirrorWorkspace.requireLockedOffline(workspace, mirror);
    }

    /** Stores and unpacked root filesystems are full of absolute symlinks, which JUnit's cleanup warns about one by one. */
    @AfterAll
    void deleteQuietly() throws Exception {
        try (Stream<Path> entries = Files.list(temp)) {
            for (Path entry : entries.toList()) {
                Processes.ok("rm", "-rf", entry.toString());
            }
        }
    }

    @Test
    void theConfigAndManifestSayWhoRunsTheImageAndWhichCommitItIs() throws Exception {
        Image orders = Image.read(build("//shop/oci-images/orders"));
        Image billing = Image.read(build("//shop/oci-images/billing"));

        Map<String, String> provenance = Map.of(
                "org.opencontainers.image.title", "orders",
                "org.opencontainers.image.revision", head,
                "org.opencontainers.image.source", "https://git.example.com/acme/shop.git",
                "org.opencontainers.image.created", COMMITTED);
        JsonNode config = orders.config().get("config");
        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        assertThat(texts(config.get("Env"))).contains("SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt");
        assertThat(JSON.convertValue(config.get("Labels"), Map.class)).containsAllEntriesOf(provenance);
        assertThat(JSON.convertValue(orders.manifest().get("annotations"), Map.class)).containsAllEntriesOf(provenance);
        // No ca-certificates in billing's closure, so no bundle to point at.
        assertThat(texts(billing.config().get("config").path("Env"))).noneMatch(e -> e.startsWith("SSL_CERT_FILE="));
        assertThat(billing.config().get("config").get("Labels").get("org.opencontainers.image.title").asText())
                .isEqualTo("billing");

        RuncBundle bundle = RuncBundle.unpack(temp.resolve("out-orders"), "latest", temp.resolve("bundle-orders"),
                temp.resolve("runc"));
        assertThat(Files.getAttribute(bundle.rootfs().resolve("tmp"), "unix:mode")).isEqualTo(041777);
        assertThat(bundle.rootfs().resolve("etc/ssl/certs/ca-certificates.crt")).isNotEmptyFile();
    }

    @Test
    void theReadinessProbeIsBinReadyAndRunsWithTheOperablesDefaults() throws Exception {
        RuncBundle bundle = RuncBundle.unpack(build("//shop/oci-images/orders"), "latest", temp.resolve("bundle-ready"),
                temp.resolve("runc"));

        assertThat(Files.readSymbolicLink(bundle.rootfs().resolve("bin/ready")).toString())
                .matches("/cairn/store/[0-9a-z]{32}-operable-orders-ready/bin/operable-orders-ready");
        Processes.Result ready = run(bundle, List.of("/bin/ready"));
        assertThat(ready.exit()).as(ready.output() + ready.errors()).isZero();
        assertThat(ready.output()).isEqualTo("orders ready on 8080\n");
    }

    @Test
    void theDebugVariantHasEveryStandardLayerThenItsOwnMergedWithinMaxLayers() throws Exception {
        Image standard = Image.read(build("//shop/oci-images/orders"));
        // Room for two of the additions' layers besides the rootfs configuration's and /bin/debug's:
        // the debug-only packages (coreutils and its libraries) merge among themselves.
        int maxLayers = standard.layers().size() + 4;
        Files.writeString(Files.createDirectories(workspace.resolve("cells/debug")).resolve("oci-images.pkl"), """
                amends "cairn:OciImages"

                images {
                  ["orders-debug"] { operable = "//shop/operables/orders"; debug = true; maxLayers = %d }
                }
                """.formatted(maxLayers));

        Image debug = Image.read(build("//debug/oci-images/orders-debug"));

        assertThat(debug.layers()).hasSizeLessThanOrEqualTo(maxLayers);
        assertThat(debug.layers().subList(0, standard.layers().size())).isEqualTo(standard.layers());
        List<String> added = debug.history().subList(standard.layers().size(), debug.layers().size());
        assertThat(added).anyMatch(h -> h.matches("cairn: [0-9]+ less depended-on parts, merged"));
        assertThat(added).anyMatch(h -> h.startsWith("cairn contents debian rootfs configuration"));
        assertThat(added.getLast()).isEqualTo("cairn contents link to /bin/bash -> /bin/debug");

        RuncBundle bundle = RuncBundle.unpack(temp.resolve("out-orders-debug"), "latest", temp.resolve("bundle-debug"),
                temp.resolve("runc"));
        Processes.Result shell = run(bundle, List.of("/bin/debug", "-c", "ls -l /bin/debug; echo \"bash $BASH_VERSION\""));
        assertThat(shell.exit()).as(shell.output() + shell.errors()).isZero();
        assertThat(shell.output()).contains("/bin/debug -> /bin/bash").containsPattern("bash 5\\.");
    }

    @Test
    void aDebugPackageIsInTheDebugImageOnlyAfterTheStandardLayersAndOnTheDebugShellsPath() throws Exception {
        Files.writeString(Files.createDirectories(workspace.resolve("cells/inspect")).resolve("oci-images.pkl"), """
                amends "cairn:OciImages"

                images {
                  ["billing-standard"] { operable = "//shop/operables/billing" }
                  ["billing-debug"] { operable = "//shop/operables/billing"; debug = true }
                }
                """);

        Image standard = Image.read(build("//inspect/oci-images/billing-standard"));
        Image debug = Image.read(build("//inspect/oci-images/billing-debug"));

        assertThat(debug.layers().subList(0, standard.layers().size())).isEqualTo(standard.layers());
        String inspect = storeLayers(debug).keySet().stream().filter(path -> path.endsWith("-inspect-1.0")).findFirst()
                .orElseThrow();
        assertThat(tarEntries(temp.resolve("out-billing-standard"), standard).keySet())
                .noneMatch(entry -> entry.contains("-inspect-1.0") || entry.contains("-debug-billing"));
        List<String> added = debug.history().subList(standard.layers().size(), debug.layers().size());
        assertThat(added).contains("cairn store " + inspect);
        assertThat(added.getLast()).matches("cairn contents link to /cairn/store/[0-9a-z]{32}-debug-billing/bin/debug-billing"
                + " -> /bin/debug");

        RuncBundle bundle = RuncBundle.unpack(temp.resolve("out-billing-debug"), "latest",
                temp.resolve("bundle-billing-debug"), temp.resolve("runc"));
        Processes.Result shell = run(bundle, List.of("/bin/debug", "-c", "inspect"));
        assertThat(shell.exit()).as(shell.output() + shell.errors()).isZero();
        assertThat(shell.output()).isEqualTo("inspecting billing\n");

        List<String> why = why("//inspect/oci-images/billing-debug", inspect + "/bin/inspect");
        assertThat(why.getFirst()).endsWith("-debug-billing (the debug shell of //shop/operables/billing, /bin/debug)");
        assertThat(why.getLast()).isEqualTo("  → " + inspect);
    }

    @Test
    void twoServicesSharingAJarShareThatStoreObjectsLayerByDigest() throws Exception {
        Map<String, String> orders = storeLayers(Image.read(build("//shop/oci-images/orders")));
        Map<String, String> billing = storeLayers(Image.read(build("//shop/oci-images/billing")));
        String lib = orders.keySet().stream().filter(path -> path.endsWith("-lib-1.0")).findFirst().orElseThrow();

        assertThat(billing).containsEntry(lib, orders.get(lib));
        assertThat(orders.keySet()).anyMatch(path -> path.endsWith("-orders-1.0"));
        assertThat(billing.keySet()).anyMatch(path -> path.endsWith("-billing-1.0")).noneMatch(p -> p.endsWith("-orders-1.0"));
    }

    @Test
    void permsSetTheModeAndOwnerOfTheTarEntriesTheyMatch() throws Exception {
        Image billing = Image.read(build("//shop/oci-images/billing"));

        Map<String, String> entries = tarEntries(temp.resolve("out-billing"), billing);

        assertThat(entries).containsEntry("etc/billing", "drwxr-x--- 0/65532")
                .containsEntry("etc/billing/billing.conf", "-rw-r----- 0/65532")
                .containsEntry("etc/billing/keys", "drwxr-xr-x 0/0")
                .containsEntry("etc/billing/keys/signing.pem", "-r-------- 65532/0");
    }

    @Test
    void whyFollowsAPathInTheImageToThePackageOrObjectThatHasIt() throws Exception {
        build("//shop/oci-images/orders");

        List<String> openssl = why("//shop/oci-images/orders", "/usr/bin/openssl");
        assertThat(openssl.getFirst()).matches("/usr/bin/openssl is from debian openssl \\S+ \\(/cairn/store/\\S+\\)");
        assertThat(openssl.get(1)).startsWith("ca-certificates ").endsWith("(asked for)");
        assertThat(openssl.getLast()).contains("→ openssl ");

        List<String> ready = why("//shop/oci-images/orders", "/bin/ready");
        assertThat(ready.getFirst()).startsWith("/bin/ready is a link to /cairn/store/")
                .endsWith("from the image itself (/bin/ready)");
        assertThat(ready.get(2)).endsWith("(the operable //shop/operables/orders, the image's entrypoint)");
        assertThat(ready.getLast()).contains("→ /cairn/store/").endsWith("-operable-orders-ready");

        CliRun missing = CliRun.run(environment, "-C", workspace.toString(), "why", "//shop/oci-images/orders",
                "/usr/bin/java");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("/usr/bin/java is in none of the contents of //shop/oci-images/orders");
    }

    @Test
    void whyFollowsAStorePathThroughTheOperableOfAStandardImage() throws Exception {
        String lib = storeLayers(Image.read(build("//shop/oci-images/billing"))).keySet().stream()
                .filter(path -> path.endsWith("-lib-1.0")).findFirst().orElseThrow();

        List<String> chain = why("//shop/oci-images/billing", lib + "/share/java/lib.jar");

        assertThat(chain.getFirst()).endsWith("-operable-billing (the operable //shop/operables/billing, the image's"
                + " entrypoint)");
        assertThat(chain.getLast()).isEqualTo("    → " + lib);
    }

    private List<String> why(String target, String what) {
        CliRun why = ok(CliRun.run(environment, "-C", workspace.toString(), "why", target, what));
        return why.out().lines().toList();
    }

    /** The image as written: its manifest, config, layer digests and each layer's history entry. */
    private record Image(JsonNode manifest, JsonNode config, List<String> layers, List<String> history) {
        static Image read(Path layout) throws IOException {
            JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
            JsonNode manifest = JSON.readTree(blob(layout, index.get("manifests").get(0).get("digest").asText()).toFile());
            JsonNode config = JSON.readTree(blob(layout, manifest.get("config").get("digest").asText()).toFile());
            List<String> layers = new ArrayList<>();
            manifest.get("layers").forEach(layer -> layers.add(layer.get("digest").asText()));
            List<String> history = new ArrayList<>();
            config.get("history").forEach(entry -> {
                if (!entry.path("empty_layer").asBoolean(false)) {
                    history.add(entry.get("created_by").asText());
                }
            });
            assertThat(history).as("history entries of layers in " + layout).hasSameSizeAs(layers);
            return new Image(manifest, config, layers, history);
        }

        private static Path blob(Path layout, String digest) {
            return layout.resolve("blobs").resolve(digest.replace(':', '/'));
        }
    }

    /** Every entry of every layer of the image: path → mode and owner, as {@code tar -tv} shows them. */
    private static Map<String, String> tarEntries(Path layout, Image image) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String digest : image.layers()) {
            Path blob = layout.resolve("blobs/" + digest.replace(':', '/'));
            for (String line : Processes.ok("tar", "--numeric-owner", "-tvzf", blob.toString()).lines().toList()) {
                String[] fields = line.split("\\s+");
                entries.put(fields[5].replaceAll("/$", ""), fields[0] + " " + fields[1]);
            }
        }
        return entries;
    }

    /** The layers of single store objects: store path → digest. */
    private static Map<String, String> storeLayers(Image image) {
        Map<String, String> layers = new LinkedHashMap<>();
        for (int i = 0; i < image.layers().size(); i++) {
            String history = image.history().get(i);
            if (history.startsWith("cairn store ")) {
                layers.put(history.substring("cairn store ".length()), image.layers().get(i));
            }
        }
        return layers;
    }

    /** Builds the image once per class: a build of the same target again only writes the same layout again. */
    private Path build(String target) {
        return built.computeIfAbsent(target, t -> {
            Path out = temp.resolve("out-" + t.substring(t.lastIndexOf('/') + 1));
            ok(CliRun.run(environment, "-C", workspace.toString(), "build", t, "--out", out.toString()));
            return out;
        });
    }

    /** Runs {@code args} in the bundle's root filesystem instead of its entrypoint. */
    private static Processes.Result run(RuncBundle bundle, List<String> args) throws Exception {
        RuncBundle command = bundle.withConfig(temp.resolve("bundle-run-" + RUNS.incrementAndGet()), config -> {
            ArrayNode replaced = ((ObjectNode) config.get("process")).putArray("args");
            args.forEach(replaced::add);
        });
        return command.run();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    /**
     * Two services on bash whose packages both hold the jar of {@code lib} (a store object of its
     * own); orders has CA certificates, a readiness probe and coreutils to debug with; billing has
     * configuration files whose modes and owner {@code perms} set, and a package of the workspace,
     * {@code inspect}, to debug with.
     */
    private static Path writeWorkspace(Path root, AptListsMirror mirror) throws IOException {
        Path cell = Files.createDirectories(root.resolve("cells/shop"));
        MirrorWorkspace.writeCairnPkl(root, "shop", mirror);
        jar(Files.createDirectories(cell.resolve("src/lib")).resolve("lib.jar"));
        Files.writeString(Files.createDirectories(cell.resolve("src/orders")).resolve("README"), "orders\n");
        Files.writeString(Files.createDirectories(cell.resolve("src/billing")).resolve("README"), "billing\n");
        Files.writeString(Files.createDirectories(cell.resolve("src/inspect")).resolve("README"), "inspect\n");
        Files.writeString(Files.createDirectories(cell.resolve("files/billing")).resolve("billing.conf"), "rate = 1\n");
        Files.writeString(Files.createDirectories(cell.resolve("files/billing/keys")).resolve("signing.pem"), "key\n");
        Files.writeString(cell.resolve("packages.pkl"), """
                amends "cairn:Packages"
                import "cairn:debian"

                local tools = debian.packages(List("bash", "coreutils"))
                // A service: a launcher that names the shared jar by its store path, as a classpath would.
                local function service(name: String) = new Command {
                  version = "1.0"
                  source = "src/\\(name)"
                  inputs { tools; "//shop/packages/lib" }
                  script = #"mkdir -p $out/bin && printf '#!/bin/bash\\necho "\\#(name) on %s"\\n' "$(lib-classpath)" > $out/bin/\\#(name) && chmod 0755 $out/bin/\\#(name)"#
                }

                packages {
                  ["lib"] = new Command {
                    version = "1.0"
                    source = "src/lib"
                    inputs { tools }
                    script = #"mkdir -p $out/share/java $out/bin && cp lib.jar $out/share/java/ && printf '#!/bin/bash\\necho %s/share/java/lib.jar\\n' "$out" > $out/bin/lib-classpath && chmod 0755 $out/bin/lib-classpath"#
                  }
                  ["orders"] = service("orders")
                  ["billing"] = service("billing")
                  // A tool to look inside billing with: its debug image's only.
                  ["inspect"] = new Command {
                    version = "1.0"
                    source = "src/inspect"
                    inputs { tools }
                    script = #"mkdir -p $out/bin && printf '#!/bin/bash\\necho "inspecting billing"\\n' > $out/bin/inspect && chmod 0755 $out/bin/inspect"#
                  }
                }
                """);
        Files.writeString(cell.resolve("operables.pkl"), """
                amends "cairn:Operables"
                import "cairn:debian"

                operables {
                  ["orders"] {
                    package = "//shop/packages/orders"
                    runtimeEnv { ["PORT"] { default = "8080"; description = "where to listen" } }
                    runtimeInputs { debian.packages(List("ca-certificates")) }
                    runtimeScript = "exec orders"
                    readinessProbe { runtimeScript = #"echo "orders ready on $PORT""# }
                    debugInputs { debian.packages(List("coreutils")) }
                  }
                  ["billing"] {
                    package = "//shop/packages/billing"
                    runtimeScript = "exec billing"
                    debugInputs { "//shop/packages/inspect" }
                  }
                }
                """);
        Files.writeString(cell.resolve("oci-images.pkl"), """
                amends "cairn:OciImages"

                images {
                  ["orders"] { operable = "//shop/operables/orders" }
                  ["billing"] {
                    operable = "//shop/operables/billing"
                    contents { new { source = "files/billing"; path = "/etc/billing" } }
                    perms {
                      ["/etc/billing/*.conf"] { mode = "0640"; gid = 65532 }
                      ["/etc/billing"] { mode = "0750"; gid = 65532 }
                      ["/etc/billing/keys/*"] { mode = "0400"; uid = 65532 }
                    }
                  }
                }
                """);
        return root;
    }

    /** A jar with one resource: what the two services share. */
    private static void jar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            JarEntry entry = new JarEntry("lib.properties");
            entry.setTime(0);
            jarOut.putNextEntry(entry);
            jarOut.write("name=lib\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
    }
}
