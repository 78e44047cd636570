package dev.cairn.oci.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A scripted HTTP server on a loopback address, for the cases a real registry will not produce
 * on demand (redirects to storage, wrong content, 503s). Records every request it gets.
 */
final class StubServer implements AutoCloseable {
    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** A request as received: method, path with query, its Authorization header (or null) and body. */
    record Received(String method, String target, String authorization, String body) {}

    private final HttpServer server;
    private final String host;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private StubServer(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** A server on 127.0.0.1, named by that address. */
    static StubServer start(Handler handler) {
        return start("127.0.0.1", handler);
    }

    /** A server on the loopback address {@code host} resolves to, named by {@code host} (127.0.0.1 or localhost). */
    static StubServer start(String host, Handler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
            StubServer stub = new StubServer(server, host);
            server.createContext("/", exchange -> {
                try (exchange) {
                    stub.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                    handler.handle(exchange);
                }
            });
            // The default executor is one thread; concurrent uploads must be able to overlap.
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port}. */
    String address() {
        return host + ":" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
