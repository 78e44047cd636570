package dev.cairn.oci.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A token service for {@link LocalRegistry}'s token authentication, on 127.0.0.1: answers
 * {@code GET /token?service=…&scope=…} with a JWT (RS256, its self-signed certificate in the
 * {@code x5c} header) granting every requested scope to the one account it knows, and none to
 * anonymous callers. The key pair and certificate are made by the JDK's keytool at start.
 */
public final class TokenServer implements AutoCloseable {
    private static final String SERVICE = "cairn-test-registry";
    private static final String ISSUER = "cairn-test-token-issuer";
    private static final char[] STORE_PASSWORD = "cairn-test".toCharArray();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Path directory;
    private final PrivateKey key;
    private final Certificate certificate;
    private final String user;
    private final String password;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** One token request: its scopes, and whether it carried the right credentials. */
    public record Request(List<String> scopes, boolean authenticated) {}

    private TokenServer(HttpServer server, Path directory, PrivateKey key, Certificate certificate, String user,
                        String password) {
        this.server = server;
        this.directory = directory;
        this.key = key;
        this.certificate = certificate;
        this.user = user;
        this.password = password;
    }

    public static TokenServer start(String user, String password) {
        try {
            Path directory = Files.createTempDirectory("cairn-token-");
            Path keystore = directory.resolve("issuer.p12");
            generateKeyPair(keystore);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, STORE_PASSWORD);
            }
            PrivateKey key = (PrivateKey) store.getKey("issuer", STORE_PASSWORD);
            Certificate certificate = store.getCertificate("issuer");
            Files.writeString(directory.resolve("issuer.pem"), "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TokenServer tokens = new TokenServer(server, directory, key, certificate, user, password);
            server.createContext("/token", tokens::handle);
            server.start();
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the test token issuer's key could not be loaded", e);
        }
    }

    public URI realm() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    public String service() {
        return SERVICE;
    }

    public String issuer() {
        return ISSUER;
    }

    /** The PEM certificate the registry trusts tokens by. */
    public Path certificate() {
        return directory.resolve("issuer.pem");
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        LocalRegistry.deleteRecursively(directory);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            List<String> scopes = query.getOrDefault("scope", List.of());
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean authenticated = expected.equals(authorization);
            requests.add(new Request(scopes, authenticated));
            if (authorization != null && !authenticated) {
                respond(exchange, 401, Map.of("errors", List.of(Map.of("code", "UNAUTHORIZED", "message", "bad credentials"))));
                return;
            }
            String token = sign(authenticated ? scopes : List.of(), authenticated ? user : "");
            respond(exchange, 200, Map.of("token", token, "expires_in", 300,
                    "issued_at", Instant.now().toString()));
        }
    }

    private String sign(List<String> scopes, String subject) throws IOException {
        List<Map<String, Object>> access = new ArrayList<>();
        for (String scope : scopes) {
            String[] parts = scope.split(":");
            if (parts.length == 3) {
                access.add(Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))));
            }
        }
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("aud", SERVICE);
        claims.put("exp", now + 300);
        claims.put("nbf", now - 10);
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access);
        Map<String, Object> header;
        try {
            header = Map.of("typ", "JWT", "alg", "RS256",
                    "x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
            String signingInput = base64Url(JSON.writeValueAsBytes(header)) + "." + base64Url(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot sign a test token", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void generateKeyPair(Path keystore) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String storePassword = new String(STORE_PASSWORD);
        ProcessBuilder builder = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "issuer",
                "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-validity", "2",
                "-dname", "CN=" + ISSUER, "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", storePassword, "-keypass", storePassword)
                .redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
