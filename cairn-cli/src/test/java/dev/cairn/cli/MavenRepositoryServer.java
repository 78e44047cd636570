package dev.cairn.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Maven repository over HTTP on 127.0.0.1: the files under a directory, read-only. Tests serve
 * the machine's own {@code ~/.m2/repository} with it (./run-tests fills it once, with the network,
 * with what the test projects and the examples need), so locking runs never leave the machine.
 */
final class MavenRepositoryServer implements AutoCloseable {
    static final Path M2 = Path.of(System.getProperty("user.home"), ".m2/repository");

    private final HttpServer server;

    private MavenRepositoryServer(HttpServer server) {
        this.server = server;
    }

    static MavenRepositoryServer serving(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                boolean found = file.startsWith(root) && Files.isRegularFile(file)
                        && !file.getFileName().toString().equals("_remote.repositories");
                if (!found || !List.of("GET", "HEAD").contains(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(200, head ? -1 : Files.size(file));
                if (!head) {
                    try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                        in.transferTo(out);
                    }
                }
            }
        });
        server.start();
        return new MavenRepositoryServer(server);
    }

    /** The Pkl of a workspace's {@code maven} settings naming this server {@code maven-central}. */
    String workspaceSettings() {
        return """
                maven {
                  repositories { ["maven-central"] = "http://127.0.0.1:%d/" }
                }
                """.formatted(server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
