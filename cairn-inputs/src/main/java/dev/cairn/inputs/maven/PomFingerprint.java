package dev.cairn.inputs.maven;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 over a Maven project's poms (every {@code pom.xml} under its source, modules
 * included, by relative path), which decides what its build downloads: the lock records it,
 * and a build whose poms no longer match is refused as stale. Sources other than poms may
 * change freely.
 */
public final class PomFingerprint {
    private PomFingerprint() {}

    public static String of(Path source) {
        MessageDigest digest = LocalRepository.sha256();
        try (Stream<Path> tree = Files.walk(source)) {
            List<Path> poms = tree.filter(path -> path.getFileName().toString().equals("pom.xml"))
                    .filter(path -> !("/" + source.relativize(path)).contains("/target/"))
                    .filter(Files::isRegularFile)
                    .map(source::relativize)
                    .sorted()
                    .toList();
            for (Path pom : poms) {
                digest.update((pom.toString().replace('\\', '/') + "\n").getBytes(StandardCharsets.UTF_8));
                digest.update((LocalRepository.sha256(source.resolve(pom)) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new InputsException("cannot read the poms under " + source + ": " + e.getMessage(),
                    "check that the package's source is readable", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
