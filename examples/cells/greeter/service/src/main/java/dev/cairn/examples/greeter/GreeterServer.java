package dev.cairn.examples.greeter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The greeter over HTTP: {@code GET /greeting?name=ada} answers JSON, {@code GET /healthz}
 * answers "ok". Configured by environment only (PORT, GREETING), as its operable sets them.
 */
public final class GreeterServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private GreeterServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving {@code greeter} on {@code address} (port 0: any free port). */
    public static GreeterServer start(Greeter greeter, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        // Java 17 (the JRE the image runs): a small pool rather than virtual threads.
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/greeting", exchange -> greeting(greeter, exchange));
        server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
        server.start();
        return new GreeterServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Greeter greeter = new Greeter(System.getenv().getOrDefault("GREETING", "Hello"));
        GreeterServer running = start(greeter, new InetSocketAddress(port));
        System.out.println("greeter listening on port " + running.port());
    }

    private static void greeting(Greeter greeter, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 405, "text/plain", "only GET\n");
                return;
            }
            try {
                String name = query(exchange.getRequestURI().getRawQuery()).get("name");
                respond(exchange, 200, "application/json", JSON.writeValueAsString(greeter.greet(name)));
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, "application/json", JSON.writeValueAsString(Map.of("error", e.getMessage())));
            }
        }
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> parameters = new HashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(key, value);
        }
        return parameters;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
