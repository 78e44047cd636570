package dev.cairn.inputs.maven;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.cache.LockedDownload;
import dev.cairn.inputs.cache.StoreRecords;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.extract.ScratchDirectory;
import dev.cairn.inputs.lock.LockedFile;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
    private final Supplier<MavenRepositories> repositories;
    private final Transport transport;
    private final StoreRecords records;

    /**
     * @param cache cairn's Maven cache: records and download scratch
     * @param repositories asked only when a file must be downloaded: reading the Maven settings
     *     is most of a no-op build's time here otherwise
     */
    public MavenFetcher(Store store, Path cache, Supplier<MavenRepositories> repositories, Transport transport) {
        this.store = store;
        this.cache = cache;
        this.repositories = repositories;
        this.transport = transport;
        this.records = new StoreRecords(cache.resolve("objects"), store);
    }

    /** The store object of each file, by its repository path. */
    public SortedMap<String, StorePath> fetch(List<LockedFile> files, Consumer<String> log) {
        SortedMap<String, StorePath> objects = new TreeMap<>();
        for (LockedFile file : files) {
            objects.put(file.path(), fetch(file, log));
        }
        return objects;
    }

    public StorePath fetch(LockedFile file, Consumer<String> log) {
        Optional<List<StorePath>> known = records.find(file.sha256());
        if (known.isPresent()) {
            return known.get().getFirst();
        }
        URI url = repositories.get().resolve(file.repository(), file.path());
        log.accept("fetching " + file.repository() + ":" + file.path());
        try (ScratchDirectory scratch = ScratchDirectory.create(Files.createDirectories(cache.resolve("tmp")), "fetch-")) {
            Path download = scratch.resolve(file.fileName());
            LockedDownload.save(transport, url, file, download);
            StorePath object = store.add(download, file.fileName()).path();
            records.put(file.sha256(), List.of(object));
            return object;
        } catch (IOException e) {
            throw new InputsException("cannot fetch " + file.path() + " into " + cache + ": " + e.getMessage(),
                    "check that cairn's cache directory is writable", e);
        } catch (StoreException e) {
            throw new InputsException("cannot add " + file.path() + " to the store: " + e.getMessage(), e.hint(), e);
        }
    }

}
