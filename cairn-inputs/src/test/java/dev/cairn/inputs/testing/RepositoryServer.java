package dev.cairn.inputs.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.inputs.debian.archive.RepositoryUri;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a directory over plain HTTP on 127.0.0.1, as a Debian mirror does, counting the
 * requests; a test can make a path fail with a status or stall mid-body a number of times.
 */
public final class RepositoryServer implements AutoCloseable {
    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    private record Failure(int status, AtomicInteger remaining) {}

    /** Status 0 means: send the headers and half the body, then fall silent for a while. */
    public static final int STALL = 0;

    public RepositoryServer(Path root) {
        this.root = root;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The repository's URI: the served directory's root. */
    public RepositoryUri uri() {
        return RepositoryUri.parse("http://127.0.0.1:" + server.getAddress().getPort() + "/debian", "test");
    }

    /** Answers the next {@code times} requests for {@code path} (below the repository) with {@code status}. */
    public void fail(String path, int status, int times) {
        failures.put("/debian/" + path, new Failure(status, new AtomicInteger(times)));
    }

    /** Every request's path, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many requests there were for {@code path} (below the repository). */
    public long requestsFor(String path) {
        return requests.stream().filter(("/debian/" + path)::equals).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            Failure failure = failures.get(path);
            if (failure != null && failure.remaining().getAndDecrement() > 0) {
                if (failure.status() == STALL) {
                    stall(exchange, path);
                } else {
                    exchange.sendResponseHeaders(failure.status(), -1);
                }
                return;
            }
            Path file = path.startsWith("/debian/") ? root.resolve(path.substring("/debian/".length())) : null;
            if (file == null || !file.normalize().startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void stall(HttpExchange exchange, String path) throws IOException {
        byte[] body = Files.readAllBytes(root.resolve(path.substring("/debian/".length())));
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        try {
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
