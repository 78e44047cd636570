package dev.cairn.oci.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real registry for tests: Debian's {@code docker-registry} (CNCF distribution 2.8) on
 * 127.0.0.1 with a free port and filesystem storage in a temporary directory, optionally
 * behind htpasswd (Basic) or token (Bearer) authentication. Started by {@link #start()} or a
 * {@link Builder}, ready once {@code /v2/} answers; {@link #close()} stops it and deletes its
 * storage.
 *
 * <pre>{@code
 * try (LocalRegistry registry = LocalRegistry.start()) {
 *     String address = registry.address();   // "127.0.0.1:PORT": push to address + "/repo:tag"
 * }
 * }</pre>
 *
 * Needs {@code docker-registry} (apt-get install docker-registry) and, for Basic auth,
 * {@code htpasswd} (apt-get install apache2-utils).
 */
public final class LocalRegistry implements AutoCloseable {
    private static final String EXECUTABLE = "docker-registry";
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final Path directory;
    private final Process process;
    private final int port;

    /** Stops the registry should the test JVM end without closing it (killed by a timeout, say). */
    private final Thread reaper;

    private LocalRegistry(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
        this.reaper = new Thread(process::destroyForcibly, "stop docker-registry on port " + port);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** An open registry: no authentication. */
    public static LocalRegistry start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:PORT}, the registry part of image references. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://" + address());
    }

    /** Where the registry keeps blobs and manifests. */
    public Path storage() {
        return directory.resolve("data");
    }

    /** What the registry has logged so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("registry.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook does the same as below.
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    /** How the registry authenticates. */
    public static final class Builder {
        private String user;
        private String password;
        private TokenServer tokenServer;

        private Builder() {}

        /** htpasswd (bcrypt) Basic authentication with one account. */
        public Builder basicAuth(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** Token authentication: bearer tokens issued by {@code server}, trusted through its certificate. */
        public Builder tokenAuth(TokenServer server) {
            this.tokenServer = server;
            return this;
        }

        public LocalRegistry start() {
            Path directory;
            try {
                directory = Files.createTempDirectory("cairn-registry-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                String auth = authConfig(directory);
                IllegalStateException last = null;
                for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                    // The free port can be taken between finding and binding it; a fresh one then.
                    int port = freePort();
                    try {
                        return launch(directory, port, auth);
                    } catch (IllegalStateException e) {
                        last = e;
                    }
                }
                throw last;
            } catch (RuntimeException e) {
                deleteRecursively(directory);
                throw e;
            }
        }

        private String authConfig(Path directory) {
            if (tokenServer != null) {
                return """
                        auth:
                          token:
                            realm: "%s"
                            service: "%s"
                            issuer: "%s"
                            rootcertbundle: "%s"
                        """.formatted(tokenServer.realm(), tokenServer.service(), tokenServer.issuer(),
                        tokenServer.certificate());
            }
            if (user != null) {
                Path htpasswd = directory.resolve("htpasswd");
                writeHtpasswd(htpasswd, user, password);
                return """
                        auth:
                          htpasswd:
                            realm: cairn-test
                            path: "%s"
                        """.formatted(htpasswd);
            }
            return "";
        }

        private LocalRegistry launch(Path directory, int port, String auth) {
            Path config = directory.resolve("config.yml");
            Path log = directory.resolve("registry.log");
            String yaml = """
                    version: 0.1
                    log:
                      level: info
                      accesslog:
                        disabled: false
                    storage:
                      filesystem:
                        rootdirectory: "%s"
                      delete:
                        enabled: true
                    http:
                      addr: "127.0.0.1:%d"
                      secret: cairn-test-secret
                    """.formatted(directory.resolve("data"), port) + auth;
            Process process;
            try {
                Files.writeString(config, yaml);
                ProcessBuilder builder = new ProcessBuilder(EXECUTABLE, "serve", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                // REGISTRY_* variables override the config file; the host's must not leak in.
                builder.environment().keySet().removeIf(name -> name.startsWith("REGISTRY_"));
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException(EXECUTABLE + " could not be started (apt-get install docker-registry): "
                        + e.getMessage(), e);
            }
            LocalRegistry registry = new LocalRegistry(directory, process, port);
            try {
                awaitReady(registry);
            } catch (RuntimeException e) {
                process.destroyForcibly();
                Runtime.getRuntime().removeShutdownHook(registry.reaper);
                throw e;
            }
            return registry;
        }
    }

    private static void awaitReady(LocalRegistry registry) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest ping = HttpRequest.newBuilder(registry.uri().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build();
            while (System.nanoTime() < deadline) {
                if (!registry.process.isAlive()) {
                    throw new IllegalStateException(EXECUTABLE + " exited with " + registry.process.exitValue()
                            + " before answering; its log:\n" + registry.log());
                }
                try {
                    int status = client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200 || status == 401) {
                        return;
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + EXECUTABLE, e);
        }
        throw new IllegalStateException(EXECUTABLE + " did not answer /v2/ within " + STARTUP + "; its log:\n" + registry.log());
    }

    private static void writeHtpasswd(Path file, String user, String password) {
        // docker-registry accepts only bcrypt entries, which the JDK cannot make; htpasswd can.
        ProcessBuilder builder = new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectErrorStream(true);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("htpasswd failed: " + new String(out, StandardCharsets.UTF_8));
            }
            Files.write(file, out);
        } catch (IOException e) {
            throw new IllegalStateException("htpasswd is not installed: apt-get install apache2-utils (./run-tests does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running htpasswd", e);
        }
    }

    /** A port on 127.0.0.1 that nothing listens on at the moment: for a registry, or a service a test starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the test's outcome stands.
        }
    }
}
