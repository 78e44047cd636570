package dev.cairn.packaging.maven;

import dev.cairn.inputs.lock.LockedFile;
import dev.cairn.inputs.maven.LocalRepository;
import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.sandbox.BuildFailure;
import dev.cairn.packaging.sandbox.Network;
import dev.cairn.packaging.sandbox.Sandbox;
import dev.cairn.packaging.sandbox.SandboxResult;
import dev.cairn.packaging.sandbox.SandboxSpec;
import dev.cairn.packaging.spec.MavenBuild;
import dev.cairn.store.TreeDeletion;
import dev.cairn.store.TreeFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;

/**
 * The locking run of a Maven package: its build, once, in the sandbox with the host's network,
 * with its pinned JDK and Maven, on a copy of its source, into a fresh local repository whose
 * only remote is the configured address of the named repository. What Maven downloaded becomes
 * the package's lock entries. Nothing of it reaches the store; its scratch directory is
 * deleted either way.
 */
public final class MavenLocking {
    private final Sandbox sandbox;
    private final Path scratchParent;

    public MavenLocking(Sandbox sandbox, Path scratchParent) {
        this.sandbox = sandbox;
        this.scratchParent = scratchParent;
    }

    /**
     * @param rootfs the merged root filesystem of the package's tools ({@link MavenSteps#tools})
     * @param repositoryName the name the lock gives the repository, {@code maven-central}
     * @param url the repository's address, from configuration
     */
    /**
     * What a locking run found.
     *
     * @param files every file Maven downloaded
     * @param classpath the runtime classpath, repository paths in Maven's order, each among {@code files}
     */
    public record Locked(List<LockedFile> files, List<String> classpath) {
        public Locked {
            files = List.copyOf(files);
            classpath = List.copyOf(classpath);
        }
    }

    public Locked lock(String address, MavenBuild spec, Path rootfs, String repositoryName, URI url,
            Consumer<String> log) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory(Files.createDirectories(scratchParent), spec.name() + "-lock-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory under " + scratchParent, e);
        }
        try {
            Path build = Files.createDirectories(scratch.resolve("build"));
            copy(spec.source(), build, spec.sourceFilter());
            Files.writeString(build.resolve(Path.of(MavenSteps.LOCK_SETTINGS).getFileName().toString()),
                    MavenSteps.lockSettings(repositoryName, url.toString()));
            SandboxSpec run = SandboxSpec.of(build,
                            List.of("bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c",
                                    MavenSteps.lockScript(spec)))
                    .withRootfs(rootfs)
                    .withNetwork(Network.HOST)
                    .withLogTailLines(60);
            log.accept("locking " + address + ": building it once with network from " + repositoryName);
            SandboxResult result = sandbox.run(run, line -> log.accept(spec.name() + " (lock) | " + line));
            if (!result.succeeded()) {
                throw BuildFailure.exception("the locking run of " + address, result,
                        "the locking run builds the package once with network; fix what its log says, then run"
                                + " `cairn lock` again");
            }
            Path repository = build.resolve(Path.of("/build").relativize(Path.of(MavenSteps.REPOSITORY)).toString());
            if (!Files.isDirectory(repository)) {
                throw new PackagingException("the locking run of " + address + " left no Maven repository at "
                        + MavenSteps.REPOSITORY, "check the package's extraArgs: they must not move the local repository");
            }
            List<LockedFile> files = LocalRepository.downloaded(repository, repositoryName);
            Path classpathFile = build.resolve(Path.of(MavenSteps.CLASSPATH_FILE).getFileName().toString());
            if (!Files.isRegularFile(classpathFile)) {
                throw new PackagingException("the locking run of " + address + " wrote no runtime classpath to "
                        + MavenSteps.CLASSPATH_FILE, "check the package's goals and extraArgs: the run must reach"
                        + " the dependency plugin's build-classpath step cairn adds after them");
            }
            List<String> classpath = MavenSteps.classpathEntries(Files.readString(classpathFile));
            Set<String> downloaded = files.stream().map(LockedFile::path).collect(Collectors.toSet());
            for (String entry : classpath) {
                if (!downloaded.contains(entry)) {
                    throw new PackagingException("the locking run of " + address + " has " + entry
                            + " on its runtime classpath, but Maven did not download it into the fresh repository",
                            "run `cairn lock` again; if it persists, the repository layout is one cairn does not know");
                }
            }
            return new Locked(files, classpath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the locking run of " + address + " in " + scratch, e);
        } finally {
            try {
                TreeDeletion.delete(scratch);
            } catch (IOException e) {
                log.accept("cannot delete " + scratch + ": " + e.getMessage());
            }
        }
    }

    /** What the build's {@code $src} holds, so the locking run downloads what the build will need. */
    private static void copy(Path from, Path to, TreeFilter filter) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (!directory.equals(from)) {
                    if (!filter.keeps(relative(directory), true)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(relative(directory)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (filter.keeps(relative(file), false)) {
                    Files.copy(file, to.resolve(relative(file)), LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }

            private String relative(Path path) {
                return from.relativize(path).toString();
            }
        });
    }
}
