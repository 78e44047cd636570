package dev.cairn.inputs.debian.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Verifies the InRelease files apt has already downloaded on this machine against Debian's
 * real archive keyring: real RSA 4096 and Ed25519 keys, signing subkeys, several signatures
 * per file, as gpgv sees them. Reads only local files; needs no network.
 */
@Tag("integration")
class RealAptListsIntegrationTest {
    private static final Path LISTS = Path.of("/var/lib/apt/lists");

    @Test
    void theMachinesInReleaseFilesVerifyAgainstDebiansArchiveKeyring() throws IOException {
        assumeTrue(Files.isRegularFile(Keyring.DEBIAN_ARCHIVE), "debian-archive-keyring is not installed");
        List<Path> inReleases;
        try (Stream<Path> files = Files.list(LISTS)) {
            inReleases = files.filter(f -> f.getFileName().toString().endsWith("_InRelease")).sorted().toList();
        }
        assumeTrue(!inReleases.isEmpty(), "apt has downloaded no InRelease (run apt-get update)");
        Keyring keyring = Keyring.load(Keyring.DEBIAN_ARCHIVE);
        // The lists are as old as the last apt-get update, so Valid-Until may have passed;
        // what this test is about is the signature and the Release's contents.
        InReleaseVerifier verifier = new InReleaseVerifier(ReleasePolicy.strict().allowingExpired());

        for (Path file : inReleases) {
            // apt names the file after its URL: <host>_<path>_dists_<suite>_InRelease.
            String name = file.getFileName().toString();
            String suite = name.substring(name.lastIndexOf("_dists_") + "_dists_".length(), name.length() - "_InRelease".length())
                    .replace('_', '/');
            Release release = verifier.verify(Files.readAllBytes(file), file.toString(), keyring,
                    RepositoryUri.parse("file:" + LISTS, "test"), suite);

            assertThat(release.signers()).as(name).isNotEmpty();
            assertThat(release.file("main/binary-amd64/Packages.xz")).as(name).hasValueSatisfying(entry ->
                    assertThat(entry.size()).isPositive());
            assertThat(release.architectures()).as(name).contains("amd64");
        }
    }
}
