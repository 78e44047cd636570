package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.stream.Stream;

/** Copies of the bundled examples/ workspace, without what a build of the checkout left in it. */
final class ExampleWorkspaces {
    static final Path EXAMPLES = Path.of(System.getProperty("cairn.reactor", "..")).toAbsolutePath().normalize()
            .resolve("examples");
    /** Outputs of earlier builds in the checkout: image results, the C program, Maven's and npm's work. */
    private static final Set<String> LEFT_BY_BUILDS = Set.of("result", "bin/hello", "target", "node_modules");

    private ExampleWorkspaces() {}

    static Path copy(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path source : files.toList()) {
                Path relative = EXAMPLES.relativize(source);
                if (leftByABuild(relative)) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static boolean leftByABuild(Path relative) {
        for (int i = 0; i < relative.getNameCount(); i++) {
            if (LEFT_BY_BUILDS.contains(relative.getName(i).toString())
                    || i + 1 < relative.getNameCount() && LEFT_BY_BUILDS.contains(relative.subpath(i, i + 2).toString())) {
                return true;
            }
        }
        return false;
    }
}
