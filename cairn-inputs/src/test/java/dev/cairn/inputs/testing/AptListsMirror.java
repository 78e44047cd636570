package dev.cairn.inputs.testing;

import dev.cairn.inputs.debian.archive.AptSource;
import dev.cairn.inputs.debian.archive.AptSources;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.debian.archive.RepositoryUri;
import dev.cairn.inputs.debian.control.Deb822;
import dev.cairn.inputs.debian.control.Paragraph;
import dev.cairn.inputs.debian.index.BinaryPackage;
import dev.cairn.inputs.debian.index.PackagesFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code file:} mirror of the Debian repositories this machine's apt uses, made from what
 * apt has already downloaded, so that tests read Debian's real, signed indexes and real .debs
 * through cairn's own code without a network. For each repository of the apt sources, named
 * as {@link NamedSource#fromApt} names it ({@code debian}, {@code debian-security}), the
 * directory {@code <directory>/<name>} gets:
 * <ul>
 *   <li>{@code dists/<suite>/InRelease}: apt's copy from {@code /var/lib/apt/lists}, verbatim,
 *       so Debian's own signature verifies against Debian's archive keyring;</li>
 *   <li>{@code dists/<suite>/<component>/binary-<arch>/Packages}: apt's list decompressed,
 *       which is the uncompressed index the InRelease lists with its size and SHA-256
 *       (apt checks that hash before it stores a list). The compressed forms and by-hash
 *       names are absent, which a {@code file:} repository reports as "no such file";</li>
 *   <li>{@code pool/…}: every .deb of those indexes that {@link OfflineDebs} finds on the
 *       machine, linked at its {@code Filename}.</li>
 * </ul>
 * A suite or component apt has no list for is left out.
 *
 * <p>Debian's security suite is signed {@code Valid-Until} a week ahead, and the lists are as
 * old as the last {@code apt-get update}: read them with {@code ReleasePolicy.allowingExpired()}.
 *
 * <p>The pool's files are hard links to apt's cache where the file system allows (else
 * symbolic links, else copies): {@link #replaceDeb} replaces a link, never writes through it.
 */
public final class AptListsMirror {
    /** Where apt keeps the indexes it downloaded. */
    public static final Path APT_LISTS = Path.of("/var/lib/apt/lists");
    /** What {@code ./run-tests} does about a .deb a test needs and the machine lacks. */
    public static final String HINT = "run ./run-tests (it downloads the test packages with apt-get download)";
    private static final List<String> LIST_COMPRESSIONS = List.of(".lz4", ".zst", ".xz", ".gz", "");

    /**
     * One mirrored repository.
     *
     * @param source as the lock names it, its URI the mirror's {@code file:} directory and its
     *     suites and components those apt had lists for
     * @param original the apt repository it mirrors
     * @param pool every {@code Filename} of the mirrored indexes, with the package version it holds
     *     ("name version arch")
     * @param offline the Filenames whose .deb is in the mirror's pool
     */
    public record Repository(NamedSource source, RepositoryUri original, Path directory, Map<String, String> pool,
                             Set<String> offline) {
        public Repository {
            pool = Map.copyOf(pool);
            offline = Set.copyOf(offline);
        }

        public String name() {
            return source.name();
        }

        public RepositoryUri uri() {
            return source.source().uri();
        }
    }

    private final Path directory;
    private final Map<String, Repository> repositories;

    private AptListsMirror(Path directory, Map<String, Repository> repositories) {
        this.directory = directory;
        this.repositories = repositories;
    }

    /** The machine's apt sources and lists, amd64, with the .debs of apt's cache and the test-debs directory. */
    public static AptListsMirror build(Path directory) {
        return build(directory, NamedSource.fromApt(AptSources.read()), APT_LISTS, OfflineDebs.onThisMachine(), "amd64");
    }

    public static AptListsMirror build(Path directory, List<NamedSource> sources, Path lists, OfflineDebs debs,
                                       String architecture) {
        Map<String, Repository> repositories = new LinkedHashMap<>();
        for (NamedSource named : sources) {
            Path root = directory.toAbsolutePath().resolve(named.name());
            Mirrored mirrored = mirror(named.source(), root, lists, debs, architecture);
            if (mirrored.suites().isEmpty()) {
                continue;
            }
            AptSource original = named.source();
            AptSource local = new AptSource(
                    RepositoryUri.parse(root.toUri().toString(), "the mirror of " + original.uri()),
                    mirrored.suites(), mirrored.components(), List.of(architecture), original.signedBy(),
                    "the apt lists mirror of " + original.origin());
            repositories.put(named.name(), new Repository(new NamedSource(named.name(), local), original.uri(), root,
                    mirrored.pool(), mirrored.offline()));
        }
        return new AptListsMirror(directory.toAbsolutePath(), repositories);
    }

    public Path directory() {
        return directory;
    }

    /** The mirrored repositories, in apt's order. */
    public List<Repository> repositories() {
        return List.copyOf(repositories.values());
    }

    /** The repository called {@code name} ({@code debian}, {@code debian-security}); fails when apt has none. */
    public Repository repository(String name) {
        Repository repository = repositories.get(name);
        if (repository == null) {
            throw new AssertionError("apt's lists have no repository '" + name + "' (mirrored: " + repositories.keySet()
                    + "); run apt-get update");
        }
        return repository;
    }

    /** The repositories as the workspace's settings take them: named, with the mirror's {@code file:} URIs. */
    public List<NamedSource> sources() {
        return repositories.values().stream().map(Repository::source).toList();
    }

    public RepositoryUri uri(String name) {
        return repository(name).uri();
    }

    /** Those of {@code filenames} (Packages {@code Filename}s of repository {@code name}) whose .deb the mirror lacks. */
    public List<String> missing(String name, Collection<String> filenames) {
        Set<String> offline = repository(name).offline();
        return filenames.stream().filter(filename -> !offline.contains(filename)).distinct().sorted().toList();
    }

    /**
     * Fails, saying what to do, unless the mirror has the .deb of every one of {@code filenames}
     * (Packages {@code Filename}s of repository {@code name}).
     */
    public void requireOffline(String name, Collection<String> filenames) {
        failUnlessEmpty(describeMissing(name, filenames));
    }

    /** {@link #requireOffline(String, Collection)} for resolved packages, each from its origin's repository. */
    public void requireOffline(Collection<BinaryPackage> packages) {
        Map<String, List<String>> byRepository = new LinkedHashMap<>();
        for (BinaryPackage binary : packages) {
            byRepository.computeIfAbsent(binary.origin().repository(), name -> new ArrayList<>()).add(binary.filename());
        }
        List<String> missing = new ArrayList<>();
        byRepository.forEach((name, filenames) -> missing.addAll(describeMissing(name, filenames)));
        failUnlessEmpty(missing);
    }

    /** Each missing .deb as "package version arch (repository filename)". */
    private List<String> describeMissing(String name, Collection<String> filenames) {
        Map<String, String> pool = repository(name).pool();
        return missing(name, filenames).stream()
                .map(filename -> pool.getOrDefault(filename, filename) + " (" + name + " " + filename + ")")
                .toList();
    }

    private static void failUnlessEmpty(List<String> missing) {
        if (missing.size() == 1) {
            throw new AssertionError("the .deb for " + missing.get(0) + " is not available offline; " + HINT);
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("the .debs for these " + missing.size() + " packages are not available offline; "
                    + HINT + ":\n  " + String.join("\n  ", missing));
        }
    }

    /**
     * Serves other bytes as this .deb: the pool's link is removed and a new file written,
     * so apt's cache is untouched.
     */
    public void replaceDeb(String name, String filename, byte[] bytes) {
        Path file = repository(name).directory().resolve(filename);
        try {
            Files.deleteIfExists(file);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Mirrored(List<String> suites, List<String> components, Map<String, String> pool,
                            Set<String> offline) {}

    private static Mirrored mirror(AptSource source, Path root, Path lists, OfflineDebs debs, String architecture) {
        List<String> suites = new ArrayList<>();
        List<String> components = new ArrayList<>();
        Map<String, String> pool = new HashMap<>();
        Set<String> offline = new HashSet<>();
        for (String suite : source.suites()) {
            if (suite.endsWith("/")) {
                continue; // a flat repository: cairn reads dists/<suite>/ repositories only
            }
            Path inRelease = lists.resolve(listFileName(source.uri(), "dists/" + suite + "/InRelease"));
            if (!Files.isRegularFile(inRelease)) {
                continue;
            }
            Path dists = root.resolve("dists").resolve(suite);
            copy(inRelease, dists.resolve("InRelease"));
            suites.add(suite);
            for (String component : source.components()) {
                String index = component + "/binary-" + architecture + "/Packages";
                Optional<Path> list = listFile(lists, source.uri(), "dists/" + suite + "/" + index);
                if (list.isEmpty()) {
                    continue;
                }
                if (!components.contains(component)) {
                    components.add(component);
                }
                Path packages = dists.resolve(index);
                decompress(list.get(), packages);
                linkDebs(packages, root, debs, pool, offline);
            }
        }
        return new Mirrored(suites, components, pool, offline);
    }

    /**
     * The name apt stores a file of a repository under in its lists: the URI without its
     * scheme, some characters %-quoted, then every {@code /} as {@code _}
     * (for {@code http://<host>/debian}: {@code <host>_debian_dists_bookworm_InRelease}).
     */
    static String listFileName(RepositoryUri repository, String path) {
        String uri = repository.uri().getRawAuthority() == null ? "" : repository.uri().getRawAuthority();
        String full = uri + repository.uri().getRawPath() + "/" + path;
        StringBuilder quoted = new StringBuilder();
        for (char c : full.toCharArray()) {
            if (c <= 0x20 || c >= 0x7f || "\\|{}[]<>\"^~_=!@#$%&*".indexOf(c) >= 0) {
                quoted.append(String.format(Locale.ROOT, "%%%02x", (int) c));
            } else {
                quoted.append(c == '/' ? '_' : c);
            }
        }
        return quoted.toString();
    }

    private static Optional<Path> listFile(Path lists, RepositoryUri repository, String path) {
        String base = listFileName(repository, path);
        return LIST_COMPRESSIONS.stream().map(suffix -> lists.resolve(base + suffix)).filter(Files::isRegularFile)
                .findFirst();
    }

    private static void decompress(Path list, Path target) {
        try (InputStream in = PackagesFile.open(list)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void linkDebs(Path packages, Path root, OfflineDebs debs, Map<String, String> pool,
                                 Set<String> offline) {
        String text;
        try {
            text = Files.readString(packages, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Paragraph record : Deb822.parse(text, packages.toString(), false)) {
            String filename = record.value("Filename");
            String name = record.value("Package");
            String version = record.value("Version");
            String architecture = record.value("Architecture");
            if (filename.isEmpty() || pool.containsKey(filename)) {
                continue;
            }
            pool.put(filename, name + " " + version + " " + architecture);
            Optional<Path> deb = debs.find(name, version, architecture, filename, Long.parseLong(record.value("Size")));
            if (deb.isPresent()) {
                link(deb.get(), root.resolve(filename));
                offline.add(filename);
            }
        }
    }

    /** A hard link costs nothing; across file systems (or where hard links are refused) a symbolic link, else a copy. */
    private static void link(Path deb, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, deb);
            } catch (IOException | UnsupportedOperationException notHard) {
                try {
                    Files.createSymbolicLink(target, deb.toAbsolutePath());
                } catch (IOException | UnsupportedOperationException notSymbolic) {
                    Files.copy(deb, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
