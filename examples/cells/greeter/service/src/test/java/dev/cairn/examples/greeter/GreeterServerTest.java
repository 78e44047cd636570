package dev.cairn.examples.greeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server on loopback, the one interface a cairn build sandbox has. */
class GreeterServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private GreeterServer server;

    @BeforeEach
    void start() throws Exception {
        server = GreeterServer.start(new Greeter("Hej"), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void answersAGreetingAsJson() throws Exception {
        HttpResponse<String> response = get("/greeting?name=Grace%20Hopper");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"message\":\"Hej, Grace Hopper!\",\"name\":\"Grace Hopper\"}", response.body());
    }

    @Test
    void anOverlongNameIsABadRequest() throws Exception {
        HttpResponse<String> response = get("/greeting?name=" + "x".repeat(65));

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"a name has at most 64 characters\"}", response.body());
    }

    @Test
    void healthzSaysOk() throws Exception {
        assertEquals("ok\n", get("/healthz").body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
