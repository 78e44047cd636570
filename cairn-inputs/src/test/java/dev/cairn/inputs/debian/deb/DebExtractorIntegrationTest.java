package dev.cairn.inputs.debian.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.inputs.testing.DebianTools;
import dev.cairn.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extracts packages dpkg-deb reads and compares what lands in the store with what
 * {@code dpkg-deb --contents} lists: the same paths, types, sizes, executable bits and symlink
 * targets (ownership and times are the store's to canonicalise).
 */
@Tag("integration")
class DebExtractorIntegrationTest {
    private static final Path APT_CACHE = Path.of("/var/cache/apt/archives");
    /** perms, owner/group, size, date time, name. */
    private static final Pattern LINE = Pattern.compile("(\\S{10}) \\S+\\s+(\\d+) \\S+ \\S+ (.*)");

    @TempDir
    Path temp;

    Store store;
    Path scratch;

    @BeforeEach
    void setUp() {
        store = Store.open(temp.resolve("store"));
        scratch = temp.resolve("scratch");
    }

    @Test
    void aRealPackageMatchesDpkgDebContents() throws Exception {
        Path deb = packageFromAptCache().orElse(null);
        if (deb == null) {
            // No apt cache here: build one, so the comparison with dpkg-deb still runs.
            deb = buildWithDpkgDeb("xz");
        }

        assertMatchesDpkgDeb(deb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "xz", "zstd", "none"})
    void packagesBuiltByDpkgDebMatchTheirContents(String compression) throws Exception {
        Path deb = buildWithDpkgDeb(compression);

        ExtractedDeb extracted = assertMatchesDpkgDeb(deb);

        assertThat(extracted.files().path().name()).isEqualTo("cairn-test-1_2.0=rc1+b2-3");
        assertThat(extracted.report().droppedSpecialBits()).containsOnlyKeys("usr/bin/helper", "usr/bin/helper-link");
        Path control = store.physicalPath(extracted.controlObject().path());
        assertThat(control.resolve("conffiles")).hasContent("/etc/cairn-test.conf\n");
        assertThat(control.resolve("md5sums")).doesNotExist();
    }

    private ExtractedDeb assertMatchesDpkgDeb(Path deb) throws Exception {
        ExtractedDeb extracted = new DebExtractor(store, scratch).extract(deb);

        Path root = store.physicalPath(extracted.files().path());
        assertThat(storeListing(root)).isEqualTo(dpkgListing(DebianTools.run(temp, "dpkg-deb", "--contents", deb.toString())));
        String control = DebianTools.run(temp, "dpkg-deb", "--info", deb.toString(), "control");
        assertThat(extracted.control().text()).isEqualTo(control);
        assertThat(store.physicalPath(extracted.controlObject().path()).resolve("control")).hasContent(control);
        assertThat(scratch).isEmptyDirectory();
        return extracted;
    }

    /**
     * A package from this machine's apt cache: the smallest of at least 256 KiB (so it holds
     * more than a changelog), or the largest there is; {@code -Dcairn.test.deb=...} picks one.
     */
    private static Optional<Path> packageFromAptCache() throws IOException {
        String chosen = System.getProperty("cairn.test.deb");
        if (chosen != null) {
            return Optional.of(Path.of(chosen));
        }
        if (!Files.isDirectory(APT_CACHE)) {
            return Optional.empty();
        }
        List<Path> debs;
        try (Stream<Path> files = Files.list(APT_CACHE)) {
            debs = files.filter(file -> file.toString().endsWith(".deb") && Files.isRegularFile(file))
                    .sorted(Comparator.comparingLong(DebExtractorIntegrationTest::size).thenComparing(Path::toString))
                    .toList();
        }
        return debs.stream().filter(deb -> size(deb) >= 256 << 10).findFirst()
                .or(() -> debs.isEmpty() ? Optional.empty() : Optional.of(debs.getLast()));
    }

    /** A package with what makes extraction interesting, built by dpkg-deb itself. */
    private Path buildWithDpkgDeb(String compression) throws Exception {
        Path tree = temp.resolve("tree-" + compression);
        Files.createDirectories(tree.resolve("DEBIAN"));
        Files.writeString(tree.resolve("DEBIAN/control"), """
                Package: cairn-test
                Version: 1:2.0~rc1+b2-3
                Architecture: all
                Maintainer: cairn <cairn@example.org>
                Description: a package made by a test
                 with a continuation line
                """);
        Files.writeString(tree.resolve("DEBIAN/conffiles"), "/etc/cairn-test.conf\n");
        file(tree, "etc/cairn-test.conf", "setting = 1\n", "rw-r--r--");
        file(tree, "usr/bin/cairn-test", "#!/bin/sh\necho test\n", "rwxr-xr-x");
        file(tree, "usr/bin/helper", "a setuid helper\n", "rwxr-xr-x");
        Files.createLink(tree.resolve("usr/bin/helper-link"), tree.resolve("usr/bin/helper"));
        Files.createSymbolicLink(tree.resolve("usr/bin/relative"), Path.of("cairn-test"));
        Files.createSymbolicLink(tree.resolve("usr/bin/java"), Path.of("/etc/alternatives/cairn-test-java"));
        file(tree, "usr/share/doc/cairn-test/caf\u00e9 \u6f22\u5b57.txt", "non-ASCII name\n", "rw-r--r--");
        file(tree, "usr/share/cairn-test/" + "long-directory-name/".repeat(6) + "file-past-100-characters.txt",
                "long\n", "rw-r--r--");
        file(tree, "usr/share/cairn-test/empty", "", "rw-r--r--");
        Files.createDirectories(tree.resolve("usr/lib/cairn-test/empty-directory"));
        // chmod, not Java: the setuid bit is beyond PosixFilePermission.
        DebianTools.run(temp, "chmod", "4755", tree.resolve("usr/bin/helper").toString());
        Path deb = temp.resolve("cairn-test-" + compression + ".deb");
        DebianTools.run(temp, "dpkg-deb", "--root-owner-group", "-Z" + compression, "--build", tree.toString(), deb.toString());
        return deb;
    }

    private static void file(Path tree, String name, String content, String permissions) throws IOException {
        Path file = tree.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    /** The store object as lines: {@code d path}, {@code f x|- size path}, {@code l path -> target}. */
    private static SortedSet<String> storeListing(Path root) throws IOException {
        SortedSet<String> lines = new TreeSet<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                if (path.equals(root)) {
                    continue;
                }
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    lines.add("l " + name + " -> " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    lines.add("d " + name);
                } else {
                    boolean executable = Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
                    lines.add("f " + (executable ? "x" : "-") + " " + Files.size(path) + " " + name);
                }
            }
        }
        return lines;
    }

    /** {@code dpkg-deb --contents} (GNU tar's verbose listing) as the same lines. */
    private static SortedSet<String> dpkgListing(String contents) {
        Map<String, String> files = new HashMap<>();
        Map<String, String> hardLinks = new HashMap<>();
        SortedSet<String> lines = new TreeSet<>();
        for (String line : contents.lines().toList()) {
            Matcher matcher = LINE.matcher(line);
            assertThat(matcher.matches()).as(line).isTrue();
            String permissions = matcher.group(1);
            String rest = matcher.group(3);
            char type = permissions.charAt(0);
            boolean executable = permissions.charAt(3) == 'x' || permissions.charAt(3) == 's';
            switch (type) {
                case 'd' -> {
                    String name = name(rest);
                    if (!name.isEmpty()) {
                        lines.add("d " + name);
                    }
                }
                case '-' -> {
                    String name = name(rest);
                    String description = "f " + (executable ? "x" : "-") + " " + matcher.group(2) + " ";
                    files.put(name, description);
                    lines.add(description + name);
                }
                case 'l' -> {
                    int arrow = rest.indexOf(" -> ");
                    lines.add("l " + name(rest.substring(0, arrow)) + " -> " + unescape(rest.substring(arrow + 4)));
                }
                case 'h' -> {
                    int link = rest.indexOf(" link to ");
                    hardLinks.put(name(rest.substring(0, link)), name(rest.substring(link + 9)));
                }
                default -> throw new AssertionError("dpkg-deb lists an entry cairn would refuse: " + line);
            }
        }
        hardLinks.forEach((name, target) -> lines.add(files.get(target) + name));
        return lines;
    }

    /** "./usr/bin/" as "usr/bin". */
    private static String name(String listed) {
        String name = unescape(listed);
        name = name.startsWith("./") ? name.substring(2) : name;
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    /** Undoes GNU tar's escaping of names: {@code \\}, {@code \n}, and octal bytes {@code \303\251}. */
    private static String unescape(String listed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = listed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && i + 1 < raw.length) {
                byte next = raw[i + 1];
                if (next >= '0' && next <= '7' && i + 3 < raw.length) {
                    bytes.write(Integer.parseInt(new String(raw, i + 1, 3, StandardCharsets.US_ASCII), 8));
                    i += 3;
                    continue;
                }
                bytes.write(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
                i++;
                continue;
            }
            bytes.write(raw[i]);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
