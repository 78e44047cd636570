package dev.cairn.inputs.maven;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.extract.ScratchDirectory;
import dev.cairn.inputs.lock.LockedMavenFile;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Makes each locked Maven file one store object: a single file named as the file is
 * ({@code jackson-databind-2.21.2.jar}), so every build that locks the same bytes shares the
 * same object. A download is checked against the lock's size and SHA-256 before it reaches
 * the store; on a mismatch nothing is added. A record per SHA-256 ({@code <cache>/<sha256>},
 * the store path) spares the download when the object is still in the store.
 */
public final class MavenFetcher {
    private final Store store;
    private final Path cache;
    private final MavenRepositories repositories;
    private final Transport transport;

    /** @param cache cairn's Maven cache: records and download scratch */
    public MavenFetcher(Store store, Path cache, MavenRepositories repositories, Transport transport) {
        this.store = store;
        this.cache = cache;
        this.repositories = repositories;
        this.transport = transport;
    }

    /** The store object of each file, by its repository path. */
    public SortedMap<String, StorePath> fetch(List<LockedMavenFile> files, Consumer<String> log) {
        SortedMap<String, StorePath> objects = new TreeMap<>();
        for (LockedMavenFile file : files) {
            objects.put(file.path(), fetch(file, log));
        }
        return objects;
    }

    public StorePath fetch(LockedMavenFile file, Consumer<String> log) {
        Optional<StorePath> known = recorded(file.sha256());
        if (known.isPresent()) {
            return known.get();
        }
        URI url = repositories.resolve(file.repository(), file.path());
        log.accept("fetching " + file.repository() + ":" + file.path());
        try (ScratchDirectory scratch = ScratchDirectory.create(Files.createDirectories(cache.resolve("tmp")), "fetch-")) {
            Path download = scratch.resolve(file.fileName());
            String actual = transport.read(url, body -> save(body, download))
                    .orElseThrow(() -> new InputsException(file.repository() + ":" + file.path() + " does not exist at "
                            + url, "the repository no longer (or never) had it: check the mirror, or run `cairn lock`"));
            long size = Files.size(download);
            if (!actual.equals(file.sha256()) || size != file.size()) {
                throw new InputsException(file.repository() + ":" + file.path() + " does not match " + "cairn.lock"
                        + ": expected sha256 " + file.sha256() + " (" + file.size() + " bytes), got sha256 " + actual
                        + " (" + size + " bytes) from " + url,
                        "the mirror serves other bytes, or the lock was edited: restore cairn.lock, or run `cairn lock`"
                                + " and review the change");
            }
            StorePath object = store.add(download, file.fileName()).path();
            record(file.sha256(), object);
            return object;
        } catch (IOException e) {
            throw new InputsException("cannot fetch " + file.path() + " into " + cache + ": " + e.getMessage(),
                    "check that cairn's cache directory is writable", e);
        } catch (StoreException e) {
            throw new InputsException("cannot add " + file.path() + " to the store: " + e.getMessage(), e.hint(), e);
        }
    }

    private static String save(InputStream body, Path target) throws IOException {
        MessageDigest digest = LocalRepository.sha256();
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private Optional<StorePath> recorded(String sha256) {
        Path record = cache.resolve("objects").resolve(sha256);
        try {
            StorePath path = StorePath.parse(Files.readString(record, StandardCharsets.UTF_8).strip());
            return store.isValid(path) ? Optional.of(path) : Optional.empty();
        } catch (IOException | StoreException e) {
            return Optional.empty(); // absent or unreadable: fetch again, and overwrite it
        }
    }

    private void record(String sha256, StorePath object) throws IOException {
        Path directory = Files.createDirectories(cache.resolve("objects"));
        Path temporary = Files.createTempFile(directory, "." + sha256 + ".", ".tmp");
        try {
            Files.writeString(temporary, object + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, directory.resolve(sha256), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

}
