package dev.cairn.inputs.testing;

import dev.cairn.inputs.extract.ArchiveCompression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A real Debian binary package for a test, described by its control fields and its files and
 * built as dpkg-deb builds one: {@code debian-binary}, then {@code control.tar.xz} (control,
 * md5sums, postinst when there is one), then {@code data.tar.xz}, whose entries are
 * {@code ./}-relative with every parent directory before what it holds. dpkg-deb can read it,
 * and {@link TestDebianRepository} publishes it.
 *
 * <pre>{@code
 * TestPackage hello = TestPackage.named("hello", "2.10-3")
 *         .depends("libc6 (>= 2.34)")
 *         .executable("usr/bin/hello", "#!/bin/sh\necho hello\n")
 *         .symlink("usr/bin/hi", "hello")
 *         .postinst("#!/bin/sh\nset -e\n");
 * }</pre>
 *
 * The same description always gives the same bytes, so a package's SHA-256 is stable.
 */
public final class TestPackage {
    private static final Set<String> OWN_FIELDS = Set.of("Package", "Version", "Architecture", "Description");

    private sealed interface Node {
        int mode();
    }

    private record Directory(int mode) implements Node {}

    private record File(byte[] content, int mode) implements Node {}

    private record Symlink(String target) implements Node {
        @Override
        public int mode() {
            return 0777;
        }
    }

    private final String name;
    private final String version;
    private String architecture = "amd64";
    private String description;
    private final Map<String, String> fields = new LinkedHashMap<>();
    /** Keyed by path without {@code ./}; sorted, so a parent comes before what it holds. */
    private final SortedMap<String, Node> tree = new TreeMap<>();
    private Optional<String> postinst = Optional.empty();
    private Optional<byte[]> rawData = Optional.empty();
    private ArchiveCompression compression = ArchiveCompression.XZ;

    private TestPackage(String name, String version) {
        this.name = name;
        this.version = version;
        this.description = "cairn test package " + name + "\n built by TestPackage";
    }

    /** A package of architecture amd64 with no files and no relations yet. */
    public static TestPackage named(String name, String version) {
        return new TestPackage(name, version);
    }

    /**
     * A package whose data.tar holds an entry that would land outside the root when unpacked
     * naively: {@code entryName} is written as given ({@code ../etc/x}, {@code /etc/x}).
     */
    public static TestPackage escaping(String name, String version, String entryName) {
        return named(name, version).data(new TarFixture()
                .directory("./")
                .directory("./usr/")
                .file(entryName, "written outside the package's tree\n"));
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String architecture() {
        return architecture;
    }

    /** {@code amd64} unless set; {@code all} for an architecture-independent package. */
    public TestPackage architecture(String architecture) {
        this.architecture = architecture;
        return this;
    }

    public TestPackage depends(String relations) {
        return field("Depends", relations);
    }

    public TestPackage preDepends(String relations) {
        return field("Pre-Depends", relations);
    }

    public TestPackage provides(String relations) {
        return field("Provides", relations);
    }

    /**
     * Any other control field, in the order given after Maintainer and Installed-Size:
     * {@code Multi-Arch}, {@code Essential}, {@code Priority}, {@code Section}, {@code Conflicts}…
     */
    public TestPackage field(String field, String value) {
        if (OWN_FIELDS.contains(field)) {
            throw new IllegalArgumentException(field + " has its own method");
        }
        fields.put(field, value);
        return this;
    }

    /** The synopsis, then extended lines each starting with a space, as in a control file. */
    public TestPackage description(String description) {
        this.description = description;
        return this;
    }

    /** A regular file of mode 0644; {@code path} is relative to / ({@code usr/share/doc/x/README}). */
    public TestPackage file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public TestPackage file(String path, byte[] content, int mode) {
        return put(path, new File(content.clone(), mode));
    }

    /** A file of mode 0755. */
    public TestPackage executable(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), 0755);
    }

    public TestPackage symlink(String path, String target) {
        return put(path, new Symlink(target));
    }

    /** An empty directory; the parents of files are added without asking. */
    public TestPackage directory(String path) {
        return put(path, new Directory(0755));
    }

    /** The maintainer script dpkg runs after unpacking; absent unless set. */
    public TestPackage postinst(String script) {
        postinst = Optional.of(script);
        return this;
    }

    /**
     * Replaces the file tree by this tar, written as it is: for archives no well-formed package
     * has (hostile names, odd entry types). The package then has no md5sums.
     */
    public TestPackage data(TarFixture data) {
        rawData = Optional.of(data.bytes());
        return this;
    }

    /** How control.tar and data.tar are compressed: xz, as dpkg-deb's default, unless set. */
    public TestPackage compression(ArchiveCompression compression) {
        this.compression = compression;
        return this;
    }

    /** The control file, as the package holds it and a Packages record starts. */
    public String control() {
        StringBuilder control = new StringBuilder()
                .append("Package: ").append(name).append('\n')
                .append("Version: ").append(version).append('\n')
                .append("Architecture: ").append(architecture).append('\n')
                .append("Maintainer: cairn tests <tests@cairn.invalid>\n")
                .append("Installed-Size: ").append(installedSize()).append('\n');
        fields.forEach((field, value) -> control.append(field).append(": ").append(value).append('\n'));
        return control.append("Description: ").append(description).append('\n').toString();
    }

    /** The .deb. */
    public byte[] deb() {
        String suffix = compression.suffix();
        return new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("control.tar" + suffix, DebFixture.compress(controlTar(), compression))
                .member("data.tar" + suffix, DebFixture.compress(rawData.orElseGet(this::dataTar), compression))
                .bytes();
    }

    public Path write(Path file) {
        try {
            return Files.write(file, deb());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestPackage put(String path, Node node) {
        String relative = relative(path);
        tree.put(relative, node);
        for (int slash = relative.lastIndexOf('/'); slash > 0; slash = relative.lastIndexOf('/', slash - 1)) {
            tree.putIfAbsent(relative.substring(0, slash), new Directory(0755));
        }
        return this;
    }

    /** {@code /usr/bin/x}, {@code ./usr/bin/x} and {@code usr/bin/x} are one path; nothing may climb out. */
    private static String relative(String path) {
        String relative = path.startsWith("./") ? path.substring(2) : path.startsWith("/") ? path.substring(1) : path;
        while (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("'" + path + "' is not a path inside the package; "
                        + "use data(TarFixture) or escaping(…) for a hostile archive");
            }
        }
        return relative;
    }

    private byte[] controlTar() {
        TarFixture tar = new TarFixture().directory("./").file("./control", control());
        String md5sums = md5sums();
        if (!md5sums.isEmpty()) {
            tar.file("./md5sums", md5sums);
        }
        postinst.ifPresent(script -> tar.file("./postinst", script, 0755));
        return tar.bytes();
    }

    private byte[] dataTar() {
        TarFixture tar = new TarFixture().directory("./");
        tree.forEach((path, node) -> {
            switch (node) {
                case Directory directory -> tar.directory("./" + path + "/", directory.mode());
                case File file -> tar.file("./" + path, file.content(), file.mode());
                case Symlink symlink -> tar.symlink("./" + path, symlink.target());
            }
        });
        return tar.bytes();
    }

    /** What dh_md5sums writes: one line per regular file, {@code <md5>  <path>}. */
    private String md5sums() {
        if (rawData.isPresent()) {
            return "";
        }
        StringBuilder md5sums = new StringBuilder();
        tree.forEach((path, node) -> {
            if (node instanceof File file) {
                md5sums.append(md5(file.content())).append("  ").append(path).append('\n');
            }
        });
        return md5sums.toString();
    }

    /** In KiB, as dpkg-gencontrol estimates it: each file's size rounded up, one for anything else. */
    private long installedSize() {
        return tree.values().stream()
                .mapToLong(node -> node instanceof File file ? (file.content().length + 1023) / 1024 : 1)
                .sum();
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
