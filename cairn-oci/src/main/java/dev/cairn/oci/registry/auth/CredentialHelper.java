package dev.cairn.oci.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.oci.OciException;
import dev.cairn.oci.OciJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper, {@code docker-credential-NAME}: run as {@code … get} with the
 * registry on stdin, it prints {@code {"Username": …, "Secret": …}}. Found on a search path
 * given by the caller (normally {@code $PATH}), so tests can put their own helper first.
 */
public final class CredentialHelper {
    private static final long TIMEOUT_SECONDS = 60;
    /** What docker-credential-helpers print, exit 1, when they hold nothing for the server. */
    private static final String NOT_FOUND = "credentials not found";
    /** The user name helpers report for an identity token instead of a password. */
    private static final String TOKEN_USER = "<token>";

    private final String name;
    private final List<Path> searchPath;

    public CredentialHelper(String name, List<Path> searchPath) {
        this.name = name;
        this.searchPath = List.copyOf(searchPath);
    }

    public String program() {
        return "docker-credential-" + name;
    }

    /** The credentials the helper holds for {@code serverUrl}, or empty when it holds none. */
    public Optional<Credentials> get(String serverUrl) {
        Path executable = locate();
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "get");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new OciException("cannot run " + executable + ": " + e.getMessage(),
                    "check that " + program() + " is an executable file", e);
        }
        // Both pipes drain on their own threads, so a chatty or stuck helper cannot block us past the timeout.
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
            } catch (IOException exitedWithoutReading) {
                // A helper that fails may exit before it reads; its exit code and stderr say why.
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new OciException(program() + " get did not finish within " + TIMEOUT_SECONDS + " s for " + serverUrl,
                        "the helper may be waiting for a keychain to unlock; unlock it or run `" + program() + " get` by hand");
            }
            String out = new String(stdout.join(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                String err = new String(stderr.join(), StandardCharsets.UTF_8).trim();
                if (out.contains(NOT_FOUND) || err.contains(NOT_FOUND)) {
                    return Optional.empty();
                }
                throw new OciException(program() + " get failed for " + serverUrl + " (exit " + process.exitValue() + "): "
                        + (err.isEmpty() ? out : err),
                        "run `echo " + serverUrl + " | " + program() + " get` to see what the helper says");
            }
            return Optional.of(parse(out, serverUrl));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OciException("interrupted while waiting for " + program(), "", e);
        }
    }

    private Path locate() {
        for (Path directory : searchPath) {
            Path candidate = directory.resolve(program());
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new OciException(program() + " is named in the docker config but is not on the PATH",
                "install " + program() + ", or remove it from credHelpers/credsStore in the docker config");
    }

    private Credentials parse(String out, String serverUrl) {
        JsonNode json = OciJson.read(out.getBytes(StandardCharsets.UTF_8), JsonNode.class,
                "the output of " + program() + " get for " + serverUrl);
        String username = json.path("Username").asText("");
        String secret = json.path("Secret").asText("");
        return TOKEN_USER.equals(username) ? Credentials.identityToken(secret) : Credentials.basic(username, secret);
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // The helper's output is read to its end or until it dies; what came is what we have.
        }
        return out.toByteArray();
    }
}
