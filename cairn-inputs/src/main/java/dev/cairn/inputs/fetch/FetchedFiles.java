package dev.cairn.inputs.fetch;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.cache.LockedDownload;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.extract.ArchiveCompression;
import dev.cairn.inputs.extract.ExtractionLimits;
import dev.cairn.inputs.extract.ScratchDirectory;
import dev.cairn.inputs.extract.TarExtractor;
import dev.cairn.inputs.lock.LockedFile;
import dev.cairn.store.ContentAddress;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Fixed-output fetches: a file of a named repository, pinned in the lock by SHA-256 and size,
 * made into one store object as its {@link FetchLayout} says. The object's path is named in
 * advance by the pin and the layout (as a fixed-output derivation's is), so a package already
 * in the store is neither fetched nor configured again, and the same pin gives the same path on
 * any machine. The bytes are checked before anything is unpacked; unpacking is cairn's safe
 * extraction (no absolute names, no {@code ..}, no links out of the tree, no devices); the tree
 * is added to the store canonicalised and atomically. Any failure leaves nothing in the store.
 */
public final class FetchedFiles {
    /** Part of every object's path: a change to how files become objects must change the paths. */
    static final int FORMAT = 1;

    private final Store store;
    private final Path cache;
    private final Supplier<FetchRepositories> repositories;
    private final Transport transport;

    /**
     * @param cache cairn's fetch cache: scratch, and files `cairn lock` downloaded, kept until built
     * @param repositories read only when something must be downloaded
     */
    public FetchedFiles(Store store, Path cache, Supplier<FetchRepositories> repositories, Transport transport) {
        this.store = store;
        this.cache = cache;
        this.repositories = repositories;
        this.transport = transport;
    }

    /** The store path of {@code file} laid out as {@code layout}, named {@code name}; known before any fetch. */
    public static StorePath storePath(LockedFile file, String name, FetchLayout layout) {
        return ContentAddress.outputPath("fetch:" + FORMAT + ":" + file.sha256() + ":" + file.size() + ":"
                + file.fileName() + ":" + layout.unpack() + ":" + layout.stripComponents() + ":" + layout.bin(), name);
    }

    /**
     * Downloads {@code repository:path} once and pins it: what {@code cairn lock} records. The
     * download is kept in the cache, so the first build after the lock need not fetch it again.
     */
    public LockedFile pin(String repository, String path, Consumer<String> log) {
        URI url = repositories.get().resolve(repository, path);
        log.accept("fetching " + repository + ":" + path + " from " + url + " to pin it");
        try (ScratchDirectory work = ScratchDirectory.create(cache.resolve("tmp"), "pin-")) {
            Path download = work.resolve("download");
            LockedFile pinned = LockedDownload.pin(transport, url, repository, path, download);
            Files.createDirectories(downloads());
            Files.move(download, downloads().resolve(pinned.sha256()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return pinned;
        } catch (IOException e) {
            throw new InputsException("cannot keep the download of " + repository + ":" + path + " in " + downloads()
                    + ": " + e.getMessage(), "check that cairn's cache directory is writable", e);
        }
    }

    /** The object of {@code file} as {@code layout} makes it, fetched (and checked) when it is not in the store. */
    public StorePath realize(LockedFile file, String name, FetchLayout layout, Consumer<String> log) {
        StorePath path = storePath(file, name, layout);
        if (store.isValid(path)) {
            return path;
        }
        String what = name + " (" + file.location() + ")";
        Path kept = downloads().resolve(file.sha256());
        try (ScratchDirectory work = ScratchDirectory.create(cache.resolve("tmp"), "fetch-")) {
            Path download = work.resolve("download");
            if (!fromCache(kept, file, download)) {
                URI url = repositories.get().resolve(file.repository(), file.path());
                log.accept("fetching " + what + " from " + url);
                LockedDownload.save(transport, url, file, download);
            }
            Path root = layout.unpack() ? unpack(download, work, file, layout, what) : keep(download, work, file);
            linkCommands(root, layout.bin(), what);
            StorePath added = store.addOutput(root, path).path();
            Files.deleteIfExists(kept);
            return added;
        } catch (IOException e) {
            throw new InputsException("cannot make " + what + " a store object: " + e.getMessage(),
                    "an archive that does not decompress is damaged; otherwise check that " + cache + " is writable", e);
        } catch (StoreException e) {
            throw new InputsException("cannot add " + what + " to the store: " + e.getMessage(), e.hint(), e);
        }
    }

    /**
     * What `cairn lock` downloaded, checked like any download (the cache is trusted no more than a
     * mirror); a damaged one is dropped and fetched again.
     */
    private boolean fromCache(Path kept, LockedFile file, Path download) throws IOException {
        if (!Files.isRegularFile(kept)) {
            return false;
        }
        try {
            LockedDownload.save(transport, kept.toUri(), file, download);
            return true;
        } catch (InputsException damaged) {
            Files.deleteIfExists(kept);
            return false;
        }
    }

    private Path downloads() {
        return cache.resolve("files");
    }

    private static Path unpack(Path download, ScratchDirectory work, LockedFile file, FetchLayout layout, String what)
            throws IOException {
        ArchiveCompression compression = FetchLayout.archiveCompression(file.path());
        Path tree = work.resolve("unpacked");
        try (InputStream tar = compression.decompress(Files.newInputStream(download))) {
            TarExtractor.extract(tar, what, tree, ExtractionLimits.DEFAULT);
        }
        Path root = tree;
        for (int level = 1; level <= layout.stripComponents(); level++) {
            List<Path> entries = list(root);
            if (entries.size() != 1 || !Files.isDirectory(entries.getFirst(), LinkOption.NOFOLLOW_LINKS)) {
                throw new InputsException(what + ": stripComponents " + layout.stripComponents() + " needs one directory"
                        + " at level " + level + " of the archive, and it has " + names(tree, entries),
                        "set stripComponents to the number of single top directories the archive has (tar tf shows them)");
            }
            root = entries.getFirst();
        }
        return root;
    }

    /** The file as it is, under its own name, in a directory of its own. */
    private static Path keep(Path download, ScratchDirectory work, LockedFile file) throws IOException {
        Path root = Files.createDirectory(work.resolve("kept"));
        Files.move(download, root.resolve(file.fileName()));
        return root;
    }

    /** {@code bin/<name>}, a relative link to each named file, which becomes executable. */
    private static void linkCommands(Path root, Map<String, String> bin, String what) throws IOException {
        if (bin.isEmpty()) {
            return;
        }
        Path directory = root.resolve("bin");
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputsException(what + " has a bin that is not a directory, so bin { … } cannot add commands to it",
                    "leave out bin { … }: use the package's own layout");
        }
        Files.createDirectories(directory);
        for (Map.Entry<String, String> command : bin.entrySet()) {
            Path target = regularFile(root, command.getValue(), what, command.getKey());
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
            mode.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(target, mode);
            Path link = directory.resolve(command.getKey());
            if (link.equals(target)) {
                continue;
            }
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputsException(what + " has a bin/" + command.getKey() + " of its own already",
                        "leave it out of bin { … }: it is on PATH as it is");
            }
            Files.createSymbolicLink(link, directory.relativize(target));
        }
    }

    /** The file at {@code relative} below {@code root}, reached without following any link of the archive. */
    private static Path regularFile(Path root, String relative, String what, String command) {
        Path path = root;
        String[] segments = relative.split("/");
        for (int i = 0; i < segments.length; i++) {
            path = path.resolve(segments[i]);
            boolean last = i == segments.length - 1;
            if (last ? !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    : !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                String found = Files.isSymbolicLink(path) ? "a symbolic link"
                        : Files.exists(path) ? "not a " + (last ? "regular file" : "directory") : "not there";
                throw new InputsException(what + ": bin[\"" + command + "\"] = \"" + relative + "\" is not a file of the"
                        + " package: " + root.relativize(path) + " is " + found,
                        "name a regular file of the fetched tree, relative to its root after stripComponents");
            }
        }
        return path;
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        }
    }

    private static String names(Path tree, List<Path> entries) {
        if (entries.isEmpty()) {
            return "nothing";
        }
        return entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies") + ": "
                + String.join(", ", entries.stream().limit(5).map(entry -> tree.relativize(entry).toString()).toList())
                + (entries.size() > 5 ? ", …" : "");
    }
}
