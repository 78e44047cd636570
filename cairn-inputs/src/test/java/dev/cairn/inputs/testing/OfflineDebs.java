package dev.cairn.inputs.testing;

import dev.cairn.store.StoreLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real .deb files this machine has without a network: apt's package cache
 * ({@code /var/cache/apt/archives}) and the test-debs directory, where {@code ./run-tests}
 * puts the test package sets' .debs that apt's cache lacks ({@code apt-get download}). Both
 * name a file as apt does, {@code <name>_<version>_<arch>.deb} with the version's {@code :}
 * written {@code %3a}.
 *
 * <p>A file is matched by name and size only; whoever uses it checks its SHA-256 against the
 * signed index (DebCache does), so a stale or damaged file is caught there.
 */
public final class OfflineDebs {
    /** apt's package cache. */
    public static final Path APT_ARCHIVES = Path.of("/var/cache/apt/archives");

    private final List<Path> directories;
    /** File name → the file, from the first directory that has one of that name. */
    private final Map<String, Path> byName = new HashMap<>();

    /** @param directories looked in in this order; those missing are skipped */
    public OfflineDebs(List<Path> directories) {
        this.directories = List.copyOf(directories);
        for (Path directory : this.directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(file -> file.getFileName().toString().endsWith(".deb"))
                        .filter(Files::isRegularFile)
                        .forEach(file -> byName.putIfAbsent(file.getFileName().toString(), file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** apt's package cache, then the test-debs directory. */
    public static OfflineDebs onThisMachine() {
        return new OfflineDebs(List.of(APT_ARCHIVES, testDebsDirectory()));
    }

    /**
     * Where {@code ./run-tests} downloads the test packages: {@code $CAIRN_TEST_DEBS}, else
     * {@code test-debs} in cairn's cache directory ({@code $XDG_CACHE_HOME/cairn} or
     * {@code ~/.cache/cairn}). scripts/test-debs.sh applies the same rule.
     */
    public static Path testDebsDirectory() {
        return testDebsDirectory(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path testDebsDirectory(Map<String, String> environment, Path home) {
        String explicit = environment.get("CAIRN_TEST_DEBS");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        return StoreLocation.cairnCache(environment, home).resolve("test-debs");
    }

    public List<Path> directories() {
        return directories;
    }

    /**
     * The .deb of this package version, if one of the directories has a file of its name
     * (apt's, or the pool's {@code Filename} without its directories) and its size.
     */
    public Optional<Path> find(String name, String version, String architecture, String filename, long size) {
        String poolName = filename.substring(filename.lastIndexOf('/') + 1);
        return Stream.of(aptFileName(name, version, architecture), poolName)
                .map(byName::get)
                .filter(file -> file != null && sizeOf(file) == size)
                .findFirst();
    }

    /**
     * The name apt gives a downloaded .deb: {@code name_version_arch.deb}, with {@code :} (the
     * epoch's) as {@code %3a}; apt quotes {@code _} and {@code %} too, which Debian versions
     * cannot hold.
     */
    public static String aptFileName(String name, String version, String architecture) {
        return name + "_" + version.replace(":", "%3a") + "_" + architecture + ".deb";
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
