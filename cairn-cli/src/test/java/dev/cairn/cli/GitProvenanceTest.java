package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.oci.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitProvenanceTest {
    @TempDir
    Path temp;

    @Test
    void aRemoteIsPublishedWithoutCredentialsAndALocalOneNotAtAll() {
        assertThat(GitProvenance.publishable("https://ci:s3cret@git.example.com/acme/shop.git"))
                .contains("https://git.example.com/acme/shop.git");
        assertThat(GitProvenance.publishable("git@git.example.com:acme/shop.git")).contains("git@git.example.com:acme/shop.git");
        assertThat(GitProvenance.publishable("/work/main")).isEmpty();
        assertThat(GitProvenance.publishable("file:///work/main")).isEmpty();
        assertThat(GitProvenance.publishable("../shop")).isEmpty();
    }

    @Test
    void theLabelsAreTheCommitItsTimeAndTheOrigin() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("repo"));
        Processes.ok("git", "-C", repository.toString(), "init", "-q");
        Files.writeString(repository.resolve("cairn.pkl"), "amends \"cairn:Workspace\"\n");
        Processes.ok("git", "-C", repository.toString(), "add", "cairn.pkl");
        Processes.ok("env", "GIT_COMMITTER_DATE=2024-05-06T07:08:09Z", "GIT_AUTHOR_DATE=2024-05-06T07:08:09Z",
                "git", "-C", repository.toString(), "-c", "user.name=t", "-c", "user.email=t@example.com",
                "commit", "-q", "-m", "one");
        Processes.ok("git", "-C", repository.toString(), "remote", "add", "origin", "https://tok@git.example.com/a/b");
        String head = Processes.ok("git", "-C", repository.toString(), "rev-parse", "HEAD").strip();

        assertThat(GitProvenance.labels(repository)).containsExactly(
                java.util.Map.entry("org.opencontainers.image.created", "2024-05-06T07:08:09Z"),
                java.util.Map.entry("org.opencontainers.image.revision", head),
                java.util.Map.entry("org.opencontainers.image.source", "https://git.example.com/a/b"));
        assertThat(GitProvenance.labels(temp.resolve("not-a-repository")))
                .containsOnlyKeys("org.opencontainers.image.created");
    }
}
