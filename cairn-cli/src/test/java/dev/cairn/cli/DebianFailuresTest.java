package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.testing.TestDebianRepository;
import dev.cairn.inputs.testing.TestKeys;
import dev.cairn.inputs.testing.TestPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a Debian input can be wrong, through the CLI: each fails naming what is wrong and
 * what to do, writes no lock, and leaves the store as it was.
 */
class DebianFailuresTest {
    @TempDir
    Path temp;

    private TestDebianRepository repository;
    private Path workspace;
    private Map<String, String> environment;

    @BeforeEach
    void publishARepository() throws IOException {
        repository = new TestDebianRepository(temp.resolve("repo"));
        repository.add(TestPackage.named("app", "1.0-1").depends("libfoo1 (>= 1.0)")
                .executable("usr/bin/app", "#!/bin/sh\necho app\n"));
        repository.add(TestPackage.named("libfoo1", "1.2-1").file("usr/lib/libfoo.so.1", "not really a library\n"));
        repository.add(TestPackage.named("broken", "1.0-1").depends("libfoo1, missing-lib (>= 2)"));
        repository.add(TestPackage.escaping("evil", "1.0-1", "../etc/evil"));
        repository.publish(TestKeys.ARCHIVE);
        Path keyring = TestKeys.ARCHIVE.writeKeyring(temp.resolve("archive.gpg"));
        workspace = Files.createDirectories(temp.resolve("ws"));
        Files.createDirectories(workspace.resolve("cells/svc"));
        Files.writeString(workspace.resolve("cairn.pkl"), """
                amends "cairn:Workspace"
                name = "failures"
                debian {
                  repositories {
                    ["test"] {
                      uri = "%s"
                      suites { "%s" }
                      signedBy = "%s"
                    }
                  }
                }
                """.formatted(repository.uri(), repository.suite(), keyring));
        asks("app");
        environment = TestWorkspace.environment(temp);
    }

    @Test
    void aTamperedDebFailsTheBuildNamingBothHashesAndLeavesNothing() {
        assertThat(cairn("lock").exitCode()).isZero();
        TestDebianRepository.Deb libfoo = repository.debs().stream().filter(d -> d.name().equals("libfoo1")).findFirst()
                .orElseThrow();
        byte[] tampered = libfoo.content().clone();
        tampered[tampered.length - 1] ^= 1;
        repository.replaceDeb(libfoo, tampered);

        CliRun build = cairn("build", "//svc/oci-images/svc");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains(libfoo.filename()).contains(libfoo.sha256().hex())
                .contains(dev.cairn.inputs.debian.archive.Sha256.of(tampered).hex());
        assertThat(storeObjects()).isEmpty();
        assertThat(workspace.resolve("result")).doesNotExist();
    }

    @Test
    void aTamperedPackagesIndexFailsTheLock() {
        repository.rewritePackages(text -> text.replace("Version: 1.2-1", "Version: 1.3-1"));

        CliRun lock = cairn("lock");

        assertThat(lock.exitCode()).isEqualTo(1);
        assertThat(lock.err()).contains("Packages").containsIgnoringCase("sha256");
        assertThat(workspace.resolve(LockFile.FILE_NAME)).doesNotExist();
        assertThat(storeObjects()).isEmpty();
    }

    @Test
    void anInReleaseSignedByAStrangerFailsTheLock() {
        repository.resign(TestKeys.STRANGER);

        CliRun lock = cairn("lock");

        assertThat(lock.exitCode()).isEqualTo(1);
        assertThat(lock.err()).contains("InRelease").containsIgnoringCase("signature");
        assertThat(workspace.resolve(LockFile.FILE_NAME)).doesNotExist();
        assertThat(storeObjects()).isEmpty();
    }

    @Test
    void aHostileArchivePathFailsTheBuildAndLeavesNothing() throws IOException {
        asks("app", "evil");
        assertThat(cairn("lock").exitCode()).isZero();

        CliRun build = cairn("build", "//svc/oci-images/svc");

        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("evil").contains("../etc/evil");
        assertThat(storeObjects()).isEmpty();
        assertThat(temp.resolve("etc/evil")).doesNotExist();
    }

    @Test
    void anUnsatisfiableDependencyFailsTheLockWithItsChain() throws IOException {
        asks("broken");

        CliRun lock = cairn("lock");

        assertThat(lock.exitCode()).isEqualTo(1);
        assertThat(lock.err()).contains("//svc/oci-images/svc").contains("broken").contains("missing-lib");
        assertThat(workspace.resolve(LockFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void aBuildNeverResolvesAndTheCheckSaysWhatIsStale() throws IOException {
        CliRun build = cairn("build", "//svc/oci-images/svc");
        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("does not pin").contains("cairn lock");

        assertThat(cairn("lock").exitCode()).isZero();
        assertThat(cairn("lock", "--check").exitCode()).isZero();
        asks("app", "libfoo1");

        CliRun check = cairn("lock", "--check");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("no locked closure for app libfoo1 (amd64)")
                .contains("the lock keeps app (amd64), which no target asks for any more")
                .contains("run `cairn lock`");
    }

    @Test
    void aLockedImageBuildsFromTheLockAloneAndRunsItsPackages() throws Exception {
        assertThat(cairn("lock").exitCode()).isZero();
        // The repository may go away: a build with the packages in the store needs nothing from it.
        assertThat(cairn("build", "//svc/oci-images/svc").exitCode()).isZero();
        dev.cairn.store.TreeDeletion.delete(repository.root());
        Files.delete(workspace.resolve("result/svc/index.json"));

        CliRun again = cairn("build", "//svc/oci-images/svc");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("fetching");
        assertThat(Files.readString(workspace.resolve(LockFile.FILE_NAME), StandardCharsets.UTF_8))
                .contains("\"because\"").contains("\"libfoo1\" : \"app\"");
    }

    private void asks(String... packages) throws IOException {
        Files.writeString(workspace.resolve("cells/svc/oci-images.pkl"), """
                amends "cairn:OciImages"
                import "cairn:debian"

                images {
                  ["svc"] {
                    contents { debian.packages(List(%s)) }
                    entrypoint { "/usr/bin/app" }
                  }
                }
                """.formatted(String.join(", ", Stream.of(packages).map(p -> "\"" + p + "\"").toList())));
    }

    private CliRun cairn(String... args) {
        String[] all = Stream.concat(Stream.of("-C", workspace.toString()), Stream.of(args)).toArray(String[]::new);
        return CliRun.run(environment, all);
    }

    /** What the store holds besides its own bookkeeping. */
    private List<Path> storeObjects() {
        Path store = temp.resolve("store");
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(store)) {
            return entries.filter(p -> !p.getFileName().toString().equals(".cairn")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
