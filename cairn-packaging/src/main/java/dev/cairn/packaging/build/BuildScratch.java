package dev.cairn.packaging.build;

import dev.cairn.packaging.derivation.Derivation;
import dev.cairn.store.TreeDeletion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;

/**
 * One build's scratch space, deleted on close whether the build succeeded or not: a directory
 * {@code tmp/<pid>.<name>-<random>} under the packaging cache holding {@code build/}, the working
 * directory, and the directory the build writes as {@code $out}.
 *
 * <p>In the sandbox that is {@code out/} beside {@code build/}, bound at the output's store path.
 * On the host nothing can be bound, so the build is told the directory's real path, and the
 * directory is made exactly as long as the store path ({@code /tmp/cairn-<pid>.<name>-<random>}):
 * {@link PathRewrite} then puts the store path in its place in what the build wrote without
 * moving a byte, as Nix rewrites hashes. The build never writes into the store itself, so a
 * failed or killed build leaves no half-written object there.
 */
final class BuildScratch implements AutoCloseable {
    /** Short enough that a directory as long as any store path, pid and name included, fits under it. */
    static final Path HOST_OUTPUT_PARENT = Path.of("/tmp");
    private static final String HOST_OUTPUT_PREFIX = "cairn-";
    /** Nix's base-32 digits: the filler reads like a hash and can never be mistaken for a store path's. */
    private static final String FILLER_DIGITS = "0123456789abcdfghijklmnpqrsvwxyz";
    private static final int MIN_FILLER = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final Path output;

    private BuildScratch(Path root, Path output) {
        this.root = root;
        this.output = output;
    }

    /** Scratch for a sandboxed build: {@code $out} is {@code out/}, bound at the store path. */
    static BuildScratch inSandbox(Path cache, Derivation derivation) {
        Path root = root(cache, derivation);
        return create(root, root.resolve("out"));
    }

    /** Scratch for a build on the host: {@code $out} is a directory as long as the store path, under /tmp. */
    static BuildScratch onHost(Path cache, Derivation derivation) {
        Path root = root(cache, derivation);
        try {
            removeAbandoned(HOST_OUTPUT_PARENT, HOST_OUTPUT_PREFIX);
        } catch (IOException e) {
            delete(root);
            throw new UncheckedIOException("cannot clear abandoned build outputs from " + HOST_OUTPUT_PARENT, e);
        }
        return create(root, sameLengthDirectory(derivation));
    }

    /** The working directory ({@code /build} in the sandbox). */
    Path build() {
        return root.resolve("build");
    }

    /** The directory the build writes as {@code $out}. */
    Path output() {
        return output;
    }

    /**
     * A home that does not exist, like the sandbox's {@code /homeless-shelter}; a build on the
     * host that creates it anyway writes inside the scratch, which is deleted.
     */
    Path home() {
        return root.resolve("homeless-shelter");
    }

    /** The build's {@code TMPDIR} on the host (the sandbox gives it a /tmp of its own). */
    Path tmp() {
        return root.resolve("tmp");
    }

    @Override
    public void close() {
        // The output first: it may lie outside the root.
        delete(output);
        delete(root);
    }

    private static BuildScratch create(Path root, Path output) {
        BuildScratch scratch = new BuildScratch(root, output);
        try {
            Files.createDirectories(scratch.build());
            Files.createDirectories(scratch.tmp());
            Files.createDirectories(output);
            return scratch;
        } catch (IOException e) {
            scratch.close();
            throw new UncheckedIOException("cannot prepare the build directories in " + root, e);
        }
    }

    /**
     * A fresh directory {@code tmp/<pid>.<name>-<random>}. A build killed with cairn cannot delete
     * its own, so each new build first removes those whose process is gone.
     */
    private static Path root(Path cache, Derivation derivation) {
        try {
            Path tmp = Files.createDirectories(cache.resolve("tmp"));
            removeAbandoned(tmp, "");
            return Files.createTempDirectory(tmp, ProcessHandle.current().pid() + "." + derivation.name() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a build directory under " + cache, e);
        }
    }

    private static Path sameLengthDirectory(Derivation derivation) {
        String storePath = derivation.outputPath().toString();
        String prefix = HOST_OUTPUT_PARENT + "/" + HOST_OUTPUT_PREFIX + ProcessHandle.current().pid() + "."
                + derivation.name() + "-";
        int filler = storePath.length() - prefix.length();
        if (filler < MIN_FILLER) {
            throw new IllegalStateException(prefix + " leaves " + filler + " characters to match " + storePath);
        }
        StringBuilder name = new StringBuilder(prefix);
        RANDOM.ints(filler, 0, FILLER_DIGITS.length()).forEach(i -> name.append(FILLER_DIGITS.charAt(i)));
        return Path.of(name.toString());
    }

    /** Removes {@code <prefix><pid>.…} entries of {@code directory} whose process is gone. */
    private static void removeAbandoned(Path directory, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                int dot = name.indexOf('.', prefix.length());
                if (!name.startsWith(prefix) || dot <= prefix.length()
                        || !name.substring(prefix.length(), dot).chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name.substring(prefix.length(), dot));
                if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
                    TreeDeletion.delete(entry);
                }
            }
        }
    }

    private static void delete(Path directory) {
        try {
            // The build may leave read-only directories behind; TreeDeletion makes them writable first.
            TreeDeletion.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the build directory " + directory, e);
        }
    }
}
