package dev.cairn.inputs.testing;

import dev.cairn.inputs.debian.archive.AptSource;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.debian.archive.RepositoryUri;
import dev.cairn.inputs.debian.archive.Sha256;
import dev.cairn.inputs.debian.archive.SignedBy;
import dev.cairn.inputs.extract.ArchiveCompression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A small, real, signed Debian repository written into a directory, readable through its
 * {@code file:} {@link #uri()} (or over HTTP with {@link RepositoryServer}):
 * <ul>
 *   <li>{@code pool/main/<p>/<name>/<name>_<version>_<arch>.deb}: the {@link TestPackage}s added;</li>
 *   <li>{@code dists/<suite>/main/binary-amd64/Packages}, {@code .gz} and {@code .xz}, one record
 *       per package: its control fields, then Filename, Size and SHA256, as a Packages index has;</li>
 *   <li>{@code dists/<suite>/Release} listing them, and {@code InRelease}, clearsigned by test keys.</li>
 * </ul>
 *
 * <pre>{@code
 * TestDebianRepository repository = new TestDebianRepository(directory);
 * TestDebianRepository.Deb hello = repository.add(TestPackage.named("hello", "2.10-3").executable("usr/bin/hello", "…"));
 * repository.publish(TestKeys.ARCHIVE);
 * Path keyring = TestKeys.ARCHIVE.writeKeyring(directory.resolve("archive.gpg"));
 * // cairn reads repository.uri(), suite repository.suite(), component "main", trusting keyring
 * }</pre>
 *
 * The tampering methods change what is served after publishing, the way a hostile or broken
 * mirror would: {@link #replaceDeb}, {@link #rewritePackages}, {@link #rewriteSignedRelease},
 * {@link #resign}; {@link TestPackage#escaping} makes a package whose data.tar climbs out.
 */
public final class TestDebianRepository {
    public static final String DEFAULT_SUITE = "cairn1";
    public static final String COMPONENT = "main";
    public static final String ARCHITECTURE = "amd64";
    private static final List<String> PACKAGES_FORMS = List.of("Packages", "Packages.gz", "Packages.xz");
    private static final DateTimeFormatter RELEASE_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * A package as it is in the pool.
     *
     * @param filename its path below the repository, the Packages record's {@code Filename}
     * @param content the .deb's bytes as published
     * @param record its Packages record, blank line excluded
     */
    public record Deb(String name, String version, String architecture, String filename, byte[] content,
                      String record) {
        public long size() {
            return content.length;
        }

        public Sha256 sha256() {
            return Sha256.of(content);
        }
    }

    private final Path root;
    private final String suite;
    private final List<Deb> debs = new ArrayList<>();
    private boolean acquireByHash;
    private String packagesText = "";
    private String releaseText = "";
    /** The by-hash names last published, by form: where a by-hash fetch looks. */
    private final Map<String, Sha256> byHash = new LinkedHashMap<>();

    /** A repository with suite {@value #DEFAULT_SUITE}. */
    public TestDebianRepository(Path root) {
        this(root, DEFAULT_SUITE);
    }

    public TestDebianRepository(Path root, String suite) {
        this.root = root.toAbsolutePath();
        this.suite = suite;
    }

    public Path root() {
        return root;
    }

    /** The suite, which is also its Codename. */
    public String suite() {
        return suite;
    }

    /** The repository as cairn takes it: {@code file:<root>}. */
    public RepositoryUri uri() {
        return RepositoryUri.parse(root.toUri().toString(), "the test repository " + root);
    }

    /**
     * This repository as the workspace's settings name one (ArchiveSettings), signed by the
     * keys in {@code keyring} (a file {@link TestKey#writeKeyring} wrote).
     */
    public NamedSource source(String name, Path keyring) {
        return new NamedSource(name, new AptSource(uri(), List.of(suite), List.of(COMPONENT), List.of(ARCHITECTURE),
                Optional.of(SignedBy.keyring(keyring.toAbsolutePath())), "the test repository " + root));
    }

    /**
     * An apt sources entry (deb822) for this repository, trusting only {@code keyring}: what a
     * test writes to {@code etc/apt/sources.list.d/*.sources} below a root given to AptSources.
     */
    public String aptSources(Path keyring) {
        return "Types: deb\nURIs: " + uri() + "\nSuites: " + suite + "\nComponents: " + COMPONENT
                + "\nSigned-By: " + keyring.toAbsolutePath() + "\n";
    }

    /** Builds the package and puts it in the pool; it is in the indexes from the next {@link #publish}. */
    public Deb add(TestPackage binary) {
        byte[] content = binary.deb();
        String filename = "pool/" + COMPONENT + "/" + poolDirectory(binary.name()) + "/" + binary.name() + "/"
                + binary.name() + "_" + withoutEpoch(binary.version()) + "_" + binary.architecture() + ".deb";
        String record = binary.control() + "Filename: " + filename + "\nSize: " + content.length
                + "\nSHA256: " + Sha256.of(content).hex() + "\n";
        Deb deb = new Deb(binary.name(), binary.version(), binary.architecture(), filename, content, record);
        write(filename, content);
        debs.add(deb);
        return deb;
    }

    /** The packages added, in order. */
    public List<Deb> debs() {
        return List.copyOf(debs);
    }

    /** With Acquire-By-Hash, the Release says so and the indexes are also under {@code by-hash/SHA256/}. */
    public TestDebianRepository acquireByHash(boolean acquireByHash) {
        this.acquireByHash = acquireByHash;
        return this;
    }

    /** Publishes dated and signed now, with no Valid-Until. */
    public TestDebianRepository publish(TestKey... signers) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return publish(now, null, now, signers);
    }

    /** Writes the indexes and the Release, and signs it into InRelease; {@code validUntil} may be null. */
    public TestDebianRepository publish(Instant date, Instant validUntil, Instant signedAt, TestKey... signers) {
        StringBuilder packages = new StringBuilder();
        debs.forEach(deb -> packages.append(deb.record()).append('\n'));
        writePackages(packages.toString());
        byHash.clear();
        if (acquireByHash) {
            for (String form : PACKAGES_FORMS) {
                byte[] bytes = read(indexDirectory() + form);
                Sha256 sha256 = Sha256.of(bytes);
                write(indexDirectory() + "by-hash/SHA256/" + sha256.hex(), bytes);
                byHash.put(form, sha256);
            }
        }

        StringBuilder release = new StringBuilder()
                .append("Origin: cairn test\nLabel: cairn test\nSuite: ").append(suite)
                .append("\nCodename: ").append(suite).append('\n')
                .append("Date: ").append(RELEASE_DATE.format(date)).append('\n');
        if (validUntil != null) {
            release.append("Valid-Until: ").append(RELEASE_DATE.format(validUntil)).append('\n');
        }
        if (acquireByHash) {
            release.append("Acquire-By-Hash: yes\n");
        }
        release.append("Architectures: ").append(ARCHITECTURE).append("\nComponents: ").append(COMPONENT)
                .append("\nDescription: cairn's test repository\nSHA256:\n");
        for (String form : PACKAGES_FORMS) {
            byte[] bytes = read(indexDirectory() + form);
            release.append(String.format(Locale.ROOT, " %s %8d %s%n", Sha256.of(bytes), bytes.length,
                    COMPONENT + "/binary-" + ARCHITECTURE + "/" + form));
        }
        releaseText = release.toString();
        write(distsDirectory() + "Release", releaseText.getBytes(StandardCharsets.UTF_8));
        resign(signedAt, signers);
        return this;
    }

    /** The Packages text as last written (by {@link #publish} or {@link #rewritePackages}). */
    public String packagesText() {
        return packagesText;
    }

    /** The Release text as last signed. */
    public String releaseText() {
        return releaseText;
    }

    /** Where the Packages files are, below the root: {@code dists/<suite>/main/binary-amd64/}. */
    public String indexDirectory() {
        return distsDirectory() + COMPONENT + "/binary-" + ARCHITECTURE + "/";
    }

    /** {@code dists/<suite>/}. */
    public String distsDirectory() {
        return "dists/" + suite + "/";
    }

    public Path file(String relative) {
        return root.resolve(relative);
    }

    public byte[] read(String relative) {
        try {
            return Files.readAllBytes(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a new file in place of any there, never through a link to it. */
    public void write(String relative, byte[] bytes) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- tampering, after publish: the signed Release no longer vouches for what is served ---

    /** Serves other bytes as this package's .deb, its Packages record unchanged. */
    public void replaceDeb(Deb deb, byte[] bytes) {
        write(deb.filename(), bytes);
    }

    /**
     * Rewrites the Packages files (all forms, and their by-hash names) with {@code edit}
     * applied to their text, leaving the Release and its signature as they were.
     */
    public void rewritePackages(UnaryOperator<String> edit) {
        writePackages(edit.apply(packagesText));
        byHash.forEach((form, published) ->
                write(indexDirectory() + "by-hash/SHA256/" + published.hex(), read(indexDirectory() + form)));
    }

    /** Edits the signed text of InRelease, keeping the signature, which then no longer matches. */
    public void rewriteSignedRelease(UnaryOperator<String> edit) {
        String inRelease = new String(read(distsDirectory() + "InRelease"), StandardCharsets.UTF_8);
        int start = inRelease.indexOf("\n\n") + 2;
        int end = inRelease.indexOf("-----BEGIN PGP SIGNATURE-----");
        write(distsDirectory() + "InRelease", (inRelease.substring(0, start) + edit.apply(inRelease.substring(start, end))
                + inRelease.substring(end)).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs the current Release again, by these keys only: {@link TestKeys#STRANGER} for a key nobody trusts. */
    public void resign(Instant signedAt, TestKey... signers) {
        write(distsDirectory() + "InRelease",
                ClearSigner.clearsign(releaseText, signedAt, signers).getBytes(StandardCharsets.UTF_8));
    }

    public void resign(TestKey... signers) {
        resign(Instant.now().truncatedTo(ChronoUnit.SECONDS), signers);
    }

    private void writePackages(String text) {
        packagesText = text;
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        write(indexDirectory() + "Packages", plain);
        write(indexDirectory() + "Packages.gz", DebFixture.compress(plain, ArchiveCompression.GZIP));
        write(indexDirectory() + "Packages.xz", DebFixture.compress(plain, ArchiveCompression.XZ));
    }

    /** Debian's pool layout: by first letter, {@code lib} packages by their first four. */
    private static String poolDirectory(String name) {
        return name.startsWith("lib") && name.length() > 3 ? name.substring(0, 4) : name.substring(0, 1);
    }

    /** Pool file names leave the epoch out: {@code 1:2.3-1} is {@code _2.3-1_}. */
    private static String withoutEpoch(String version) {
        return version.substring(version.indexOf(':') + 1);
    }
}
