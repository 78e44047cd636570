package dev.cairn.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where a standard image comes from, as OCI labels read from the workspace's git checkout:
 * {@code org.opencontainers.image.revision} (the commit), {@code .source} (the {@code origin}
 * remote, without any credentials in it) and {@code .created} (the commit's time, not the
 * build's, so that two builds of one commit are the same image). Outside a git checkout only
 * {@code .created} is set, from the fixed epoch builds use.
 */
final class GitProvenance {
    private GitProvenance() {}

    static Map<String, String> labels(Path root) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.created",
                Instant.ofEpochSecond(PackagePipeline.sourceDateEpoch(root)).toString());
        git(root, "rev-parse", "HEAD").filter(commit -> commit.matches("[0-9a-f]{40,64}"))
                .ifPresent(commit -> labels.put("org.opencontainers.image.revision", commit));
        git(root, "remote", "get-url", "origin").flatMap(GitProvenance::publishable)
                .ifPresent(source -> labels.put("org.opencontainers.image.source", source));
        return labels;
    }

    /**
     * The remote as others can use it: a URL on a host ({@code https://user:token@host/repo}
     * loses its {@code user:token@}, which would publish the token in every image) or git's
     * {@code user@host:path}. A local path or {@code file:} URL means nothing elsewhere and would
     * make clones of one commit build different images, so it is left out.
     */
    static Optional<String> publishable(String remote) {
        if (remote.matches("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/].*")) {
            return Optional.of(remote);
        }
        try {
            URI uri = new URI(remote);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getScheme().equals("file")) {
                return Optional.empty();
            }
            return Optional.of(new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString());
        } catch (URISyntaxException notAUrl) {
            return Optional.empty();
        }
    }

    private static Optional<String> git(Path root, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(arguments));
        try {
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()
                    ? Optional.of(out) : Optional.empty();
        } catch (IOException noGit) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
