package dev.cairn.cli;

import dev.cairn.inputs.debian.archive.Keyring;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.inputs.testing.AptListsMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A workspace's cairn.pkl whose Debian repositories are a test's file: mirror of the machine's apt data. */
final class MirrorWorkspace {
    private MirrorWorkspace() {}

    static void writeCairnPkl(Path root, String name, AptListsMirror mirror) throws IOException {
        String repositories = mirror.repositories().stream()
                .map(repository -> repository(repository.source()))
                .collect(Collectors.joining("\n"));
        // The mirror is a snapshot of the machine's lists: its security suite may have passed Valid-Until.
        Files.writeString(root.resolve("cairn.pkl"), """
                amends "cairn:Workspace"
                name = "%s"
                debian {
                  repositories {
                %s
                  }
                  checkValidUntil = false
                }
                """.formatted(name, repositories));
    }

    /**
     * Fails, with the way out, when a package the workspace's lock pins is not offline: better
     * here than in a build, when the test packages were never downloaded.
     */
    static void requireLockedOffline(Path root, AptListsMirror mirror) throws IOException {
        Lock lock = LockFile.read(root.resolve(LockFile.FILE_NAME));
        for (AptListsMirror.Repository repository : mirror.repositories()) {
            mirror.requireOffline(repository.name(), lock.packages().stream()
                    .filter(p -> p.repository().equals(repository.name()))
                    .map(LockedPackage::path)
                    .toList());
        }
    }

    private static String repository(NamedSource source) {
        String keyring = source.source().signedBy()
                .flatMap(by -> by.keyrings().stream().findFirst())
                .orElse(Keyring.DEBIAN_ARCHIVE)
                .toString();
        return """
                    ["%s"] {
                      uri = "%s"
                      suites { %s }
                      components { %s }
                      signedBy = "%s"
                    }""".formatted(source.name(), source.source().uri(), quoted(source.source().suites()),
                quoted(source.source().components()), keyring);
    }

    private static String quoted(List<String> words) {
        return words.stream().map(word -> "\"" + word + "\"").collect(Collectors.joining("; "));
    }
}
