package dev.cairn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a tree with everything NAR must get right: deep nesting, empty directories,
 * executables, symlinks (relative, absolute, dangling), empty files, sizes on both sides of
 * the 8-byte padding, and names with spaces and non-ASCII, including names whose UTF-16
 * order differs from their UTF-8 byte order. The same seed gives the same tree.
 */
final class RandomTree {
    private static final String[] NAMES = {
        "a", "B", "readme.md", "with space", "café", "日本語", "emoji-😀", "\uE000private", "Ünïcödé",
        "z", "-dash", "_under", "1", "10", "9", "lib", "bin", "x.y.z", "tab\tname", "quote\"s"
    };
    private static final int[] SIZES = {0, 1, 7, 8, 9, 63, 64, 65, 511, 4096, 65_536};

    private final Random random;
    private final List<Path> files = new ArrayList<>();
    private int fileCount;

    private RandomTree(long seed) {
        this.random = new Random(seed);
    }

    /** Writes a tree of roughly {@code files} files below {@code root}, which must not exist. */
    static Path generate(Path root, long seed, int files) throws IOException {
        RandomTree tree = new RandomTree(seed);
        Files.createDirectories(root);
        while (tree.fileCount < files) {
            tree.fill(root, 0, files);
        }
        return root;
    }

    private void fill(Path directory, int depth, int target) throws IOException {
        int entries = 1 + random.nextInt(depth > 6 ? 3 : 8);
        for (int i = 0; i < entries && fileCount < target; i++) {
            Path entry = directory.resolve(name());
            if (Files.exists(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            int kind = random.nextInt(100);
            if (kind < 20 && depth < 12) {
                Files.createDirectory(entry);
                if (random.nextInt(5) > 0) {
                    fill(entry, depth + 1, target);
                }
            } else if (kind < 30) {
                Files.createSymbolicLink(entry, Path.of(linkTarget(directory)));
            } else {
                writeFile(entry);
            }
        }
    }

    private String name() {
        String base = NAMES[random.nextInt(NAMES.length)];
        return random.nextInt(3) == 0 ? base : base + "-" + random.nextInt(1000);
    }

    private String linkTarget(Path directory) {
        return switch (random.nextInt(4)) {
            case 0 -> "/absolute/elsewhere";
            case 1 -> "does/not/exist";
            case 2 -> "/cairn/store/k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g-nt/bin/x";
            default -> files.isEmpty() ? "." : directory.relativize(files.get(random.nextInt(files.size()))).toString();
        };
    }

    private void writeFile(Path file) throws IOException {
        int size = random.nextInt(40) == 0 ? 1_000_000 + random.nextInt(2_000_000) : SIZES[random.nextInt(SIZES.length)];
        if (random.nextBoolean()) {
            size = Math.max(0, size + random.nextInt(17) - 8);
        }
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(file, bytes);
        if (random.nextInt(10) < 3) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
        }
        files.add(file);
        fileCount++;
    }
}
