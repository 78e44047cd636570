package dev.cairn.inputs.npm;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.cache.DigestedDownload;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.extract.ArchiveCompression;
import dev.cairn.inputs.extract.ExtractionLimits;
import dev.cairn.inputs.extract.ScratchDirectory;
import dev.cairn.inputs.extract.TarExtractor;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Brings npm tarballs into the store, one object per tarball: fetched from the configured
 * registry, checked against the lock's integrity hash before anything is unpacked, unpacked by
 * cairn's safe extraction (which refuses absolute names, {@code ..}, links out of the tree,
 * devices) with the top directory ({@code package/}) stripped, and added at the path the
 * integrity names ({@link LockedTarball#storePath()}). A tarball already in the store is not
 * fetched again; a mismatch leaves nothing behind.
 */
public final class NpmTarballs {
    /** npm packages are small; a tarball that unpacks to more is refused as a bomb. */
    public static final ExtractionLimits LIMITS = new ExtractionLimits(4L << 30, 500_000);

    private final Store store;
    private final Path scratch;
    private final Supplier<NpmRegistries> registries;
    private final Transport transport;

    /**
     * @param scratch where downloads and unpacking happen, under cairn's cache
     * @param registries read only when something must be fetched: a build after a fetch needs no configuration
     */
    public NpmTarballs(Store store, Path scratch, Supplier<NpmRegistries> registries, Transport transport) {
        this.store = store;
        this.scratch = scratch;
        this.registries = registries;
        this.transport = transport;
    }

    /** The tarball's unpacked package in the store, fetched when it is not there yet. */
    public StorePath realize(LockedTarball tarball, Consumer<String> log) {
        StorePath path = tarball.storePath();
        if (store.isValid(path)) {
            return path;
        }
        URI url = registries.get().tarballUrl(tarball);
        if (tarball.integrity().weak()) {
            log.accept("warning: package-lock.json pins " + tarball + " by sha1 only, which no longer stops a forger;"
                    + " run npm install with a recent npm to record sha512");
        }
        log.accept("fetching " + tarball + " from " + url);
        try (ScratchDirectory work = ScratchDirectory.create(scratch, "npm-")) {
            Path file = work.resolve("package.tgz");
            byte[] actual = transport.read(url, body -> DigestedDownload.save(body, file, tarball.integrity().newDigest()))
                    .orElseThrow(() -> new InputsException(url + " does not exist (" + tarball + ", from package-lock.json)",
                            "the registry does not have this version: check the registry configured in ~/.npmrc"));
            if (!tarball.integrity().matches(actual)) {
                throw new InputsException("npm package " + tarball + " from " + url + " does not match package-lock.json: expected "
                        + tarball.integrity() + ", got " + tarball.integrity().of(actual) + "; nothing was kept",
                        "the registry serves other bytes than the lock was written from (a tampered or inconsistent mirror);"
                                + " if the change is expected, run npm install to update package-lock.json");
            }
            Path unpacked = work.resolve("unpacked");
            String archive = tarball + " (" + tarball.relativePath() + ")";
            try (InputStream tar = ArchiveCompression.GZIP.decompress(Files.newInputStream(file))) {
                TarExtractor.extract(tar, archive, unpacked, LIMITS);
            }
            Path top = top(unpacked, archive);
            return store.addOutput(top, path).path();
        } catch (IOException e) {
            throw new InputsException("cannot unpack " + tarball + ": " + e.getMessage(),
                    "a tarball that is not gzip is damaged; otherwise check that " + scratch + " is writable", e);
        } catch (StoreException e) {
            throw new InputsException("cannot add " + tarball + " to the store: " + e.getMessage(), e.hint(), e);
        }
    }

    /** The package's root: the tarball's one top directory, {@code package/} as npm packs it. */
    private static Path top(Path unpacked, String archive) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(unpacked)) {
            entries = list.toList();
        }
        if (entries.size() != 1 || !Files.isDirectory(entries.getFirst(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new InputsException(archive + " has " + entries.size() + " top-level entries, not the one directory"
                    + " (package/) npm packs a package into", "the tarball is not an npm package");
        }
        return entries.getFirst();
    }
}
