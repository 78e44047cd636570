package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Reads a Debian repository's indexes along its chain of trust: the suite's InRelease,
 * verified against a keyring ({@link #release}), then a Packages index whose size and
 * SHA-256 must match the verified Release before it is even decompressed ({@link #packages}).
 * The .deb files those indexes list are fetched by {@link DebCache}.
 *
 * <p>Where a repository is comes from configuration ({@link AptSources}), never from cairn.
 */
public final class DebianArchive {
    /** Far above any real InRelease (a few hundred KiB), far below trouble. */
    private static final long IN_RELEASE_LIMIT = 32L << 20;
    /** For a Packages file whose uncompressed form the Release does not list. */
    private static final long PACKAGES_TEXT_LIMIT = 1L << 30;
    private static final List<String> PACKAGES_FORMS = List.of("Packages.xz", "Packages.gz", "Packages");

    private final Transport transport;
    private final InReleaseVerifier verifier;

    public DebianArchive(Transport transport, ReleasePolicy policy) {
        this.transport = transport;
        this.verifier = new InReleaseVerifier(policy);
    }

    /**
     * Fetches {@code <repository>/dists/<suite>/InRelease} and verifies it.
     *
     * @param keyring the keys that may sign it: {@link Keyring#forSource} for an apt source
     *     (its Signed-By wins), else {@link Keyring#load} of {@link Keyring#DEBIAN_ARCHIVE}
     */
    public Release release(RepositoryUri repository, String suite, Keyring keyring) {
        if (suite.endsWith("/")) {
            throw new InputsException("suite '" + suite + "' of " + repository + " is a flat repository",
                    "cairn reads repositories with dists/<suite>/ only; use such a repository");
        }
        URI url = repository.resolve("dists/" + suite + "/InRelease", "suite '" + suite + "'");
        byte[] bytes = transport.read(url, body -> BoundedRead.bytes(body, IN_RELEASE_LIMIT, url.toString(),
                        "this is not an InRelease; check the repository URI"))
                .orElseThrow(() -> new InputsException(url + " does not exist",
                        "check the repository URI and the suite in apt's sources; cairn needs the signed InRelease "
                                + "(a repository with only Release and Release.gpg is not supported)"));
        return verifier.verify(bytes, url.toString(), keyring, repository, suite);
    }

    /**
     * Fetches {@code <component>/binary-<architecture>/Packages} in the first form the Release
     * lists and the mirror has: {@code .xz}, then {@code .gz}, then uncompressed. A form the
     * mirror lacks (404) is skipped; a form that does not match its hash fails everything.
     */
    public PackagesIndex packages(Release release, String component, String architecture) {
        String directory = component + "/binary-" + architecture + "/";
        List<URI> missing = new ArrayList<>();
        for (String form : PACKAGES_FORMS) {
            Optional<IndexFile> entry = release.file(directory + form);
            if (entry.isEmpty()) {
                continue;
            }
            Optional<Fetched> fetched = fetchListed(release, entry.get());
            if (fetched.isEmpty()) {
                missing.add(url(release, entry.get().path()));
                continue;
            }
            String text = decompress(fetched.get(), entry.get(), release, directory + "Packages");
            return new PackagesIndex(fetched.get().url(), entry.get(), text);
        }
        if (missing.isEmpty()) {
            throw new InputsException(release.source() + " lists no " + directory + "Packages index; it has components "
                    + release.components() + " and architectures " + release.architectures(),
                    "check the component and architecture asked for against the repository's");
        }
        throw new InputsException("the mirror has none of the Packages files its Release lists: " + missing,
                "the mirror is incomplete or being updated; try again later, or use another mirror");
    }

    private record Fetched(URI url, byte[] bytes) {}

    /**
     * Fetches a file the Release lists and checks its size and SHA-256 before anything reads it.
     * With Acquire-By-Hash, the by-hash name comes first: it does not change while a mirror
     * updates, and it stays for a while after the next update.
     */
    private Optional<Fetched> fetchListed(Release release, IndexFile entry) {
        List<URI> urls = new ArrayList<>();
        if (release.acquireByHash()) {
            int slash = entry.path().lastIndexOf('/');
            String directory = slash < 0 ? "" : entry.path().substring(0, slash + 1);
            urls.add(url(release, directory + "by-hash/SHA256/" + entry.sha256().hex()));
        }
        urls.add(url(release, entry.path()));
        for (URI url : urls) {
            Optional<byte[]> bytes = transport.read(url, body -> BoundedRead.bytes(body, entry.size(), url.toString(),
                    "the mirror's file is not the one its signed Release lists; try again later or use another mirror"));
            if (bytes.isPresent()) {
                check(url, entry, bytes.get(), release.source());
                return Optional.of(new Fetched(url, bytes.get()));
            }
        }
        return Optional.empty();
    }

    private static void check(URI url, IndexFile entry, byte[] bytes, String releaseSource) {
        Sha256 actual = Sha256.of(bytes);
        if (bytes.length != entry.size() || !actual.equals(entry.sha256())) {
            throw new InputsException(url + " does not match " + releaseSource + " for " + entry.path()
                    + ": expected sha256 " + entry.sha256() + " (" + entry.size() + " bytes), got sha256 " + actual
                    + " (" + bytes.length + " bytes)",
                    "the mirror is inconsistent (caught mid-update) or tampered with; nothing was used. "
                            + "Try again later or use another mirror");
        }
    }

    /** Decompresses a verified file, checking the text against the uncompressed entry when the Release has one. */
    private static String decompress(Fetched fetched, IndexFile entry, Release release, String plainPath) {
        boolean xz = entry.path().endsWith(".xz");
        if (!xz && !entry.path().endsWith(".gz")) {
            return new String(fetched.bytes(), StandardCharsets.UTF_8);
        }
        Optional<IndexFile> plain = release.file(plainPath);
        long limit = plain.map(IndexFile::size).orElse(PACKAGES_TEXT_LIMIT);
        byte[] text;
        try (InputStream in = xz ? new XZInputStream(new ByteArrayInputStream(fetched.bytes()))
                : new GZIPInputStream(new ByteArrayInputStream(fetched.bytes()))) {
            text = BoundedRead.bytes(in, limit, fetched.url() + " decompressed",
                    "the index does not match its uncompressed entry in the Release; use another mirror");
        } catch (IOException e) {
            throw new InputsException("cannot decompress " + fetched.url() + ", though its hash matched: " + e.getMessage(),
                    "the repository published a damaged index; use another mirror or a later snapshot", e);
        }
        if (plain.isPresent()) {
            // The compressed file was what was checked; checking what it decompressed to as well
            // costs one hash and leaves no room for a decompressor's mistake.
            check(URI.create(fetched.url() + "#decompressed"), plain.get(), text, release.source());
        }
        return new String(text, StandardCharsets.UTF_8);
    }

    private static URI url(Release release, String path) {
        return release.repository().resolve("dists/" + release.suite() + "/" + path, release.source());
    }
}
