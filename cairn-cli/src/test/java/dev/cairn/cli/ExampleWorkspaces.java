package dev.cairn.cli;

import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.oci.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

    /**
     * A copy that builds without leaving the machine: its C program made, its cairn.pkl naming
     * the test's file: mirror of the apt data and the Maven repository on 127.0.0.1 instead.
     */
    static Path offlineCopy(Path to, AptListsMirror mirror, MavenRepositoryServer maven)
            throws IOException, InterruptedException {
        Path copy = copy(to);
        // Reading the workspace reads every block, the hello image's too, whose program make builds.
        Processes.ok("make", "-s", "-C", copy.toString());
        MirrorWorkspace.writeCairnPkl(copy, "cairn-examples", mirror);
        Files.writeString(copy.resolve("cairn.pkl"), maven.workspaceSettings(), StandardOpenOption.APPEND);
        return copy;
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
