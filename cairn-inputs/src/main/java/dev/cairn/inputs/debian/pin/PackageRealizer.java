package dev.cairn.inputs.debian.pin;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.cache.StoreRecords;
import dev.cairn.inputs.debian.archive.DebCache;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.debian.archive.Sha256;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.debian.deb.DebControl;
import dev.cairn.inputs.debian.deb.DebExtractor;
import dev.cairn.inputs.debian.deb.ExtractedDeb;
import dev.cairn.inputs.debian.deb.UnpackedDeb;
import dev.cairn.inputs.debian.rootfs.PackageTrees;
import dev.cairn.inputs.debian.rootfs.RootfsConfig;
import dev.cairn.inputs.extract.ScratchDirectory;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Turns a locked closure into store objects, from the lock alone: no index is read, and the
 * only thing fetched is each missing package's .deb, by the repository name, path, size and
 * SHA-256 the lock gives. Then lays the rootfs configuration over them.
 *
 * <p>All or nothing: every missing .deb is fetched and verified, then every one is unpacked
 * and checked, and only then is anything added to the store. So a tampered package, a
 * hostile archive or a package that is not what the lock says leaves the store as it was.
 */
public final class PackageRealizer {
    /** What a .deb becomes: its files, and its control files (recorded in this order). */
    private record Objects(StorePath files, StorePath control) {}

    private final Store store;
    private final Path cache;
    private final Supplier<List<NamedSource>> repositories;
    private final DebCache debs;
    private final StoreRecords records;
    private final StoreRecords configs;

    /**
     * @param cache cairn's Debian cache directory: .debs by hash, extraction records, scratch
     * @param repositories where the lock's repository names point; only asked when a package
     *     must be fetched
     */
    public PackageRealizer(Store store, Path cache, Supplier<List<NamedSource>> repositories, Transport transport) {
        this.store = store;
        this.cache = cache;
        this.repositories = repositories;
        this.debs = new DebCache(cache.resolve("debs"), transport);
        this.records = new StoreRecords(cache.resolve("extracted"), store);
        this.configs = new StoreRecords(cache.resolve("rootfs-configs"), store);
    }

    public RealizedPackages realize(List<LockedPackage> closure, Consumer<String> progress) {
        Map<LockedPackage, Objects> done = new LinkedHashMap<>();
        List<LockedPackage> missing = new ArrayList<>();
        for (LockedPackage locked : closure) {
            records.find(locked.sha256()).ifPresentOrElse(
                    objects -> done.put(locked, new Objects(objects.get(0), objects.get(1))), () -> missing.add(locked));
        }
        if (!missing.isEmpty()) {
            done.putAll(addMissing(missing, progress));
        }
        List<RealizedPackage> realized = closure.stream()
                .map(locked -> new RealizedPackage(locked, done.get(locked).files(), done.get(locked).control()))
                .toList();
        return new RealizedPackages(realized, rootfsConfig(realized));
    }

    private Map<LockedPackage, Objects> addMissing(List<LockedPackage> missing, Consumer<String> progress) {
        List<NamedSource> sources = repositories.get();
        long bytes = missing.stream().mapToLong(LockedPackage::size).sum();
        progress.accept("fetching " + missing.size() + " Debian package" + (missing.size() == 1 ? "" : "s")
                + " (" + String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20)) + ", those not in the cache)");
        List<Path> files = all(missing, locked -> () -> fetch(locked, sources), 8);

        DebExtractor extractor = new DebExtractor(store, cache.resolve("tmp"));
        try (ScratchDirectory scratch = ScratchDirectory.create(cache.resolve("tmp"), "unpack-")) {
            progress.accept("unpacking " + missing.size() + " Debian package" + (missing.size() == 1 ? "" : "s"));
            List<Integer> indexes = IntStream.range(0, missing.size()).boxed().toList();
            List<UnpackedDeb> unpacked = all(indexes, i -> () -> unpack(extractor, missing.get(i), files.get(i),
                    scratch.resolve(Integer.toString(i))), Runtime.getRuntime().availableProcessors());
            Map<LockedPackage, Objects> added = new LinkedHashMap<>();
            for (int i = 0; i < missing.size(); i++) {
                ExtractedDeb extracted = extractor.add(unpacked.get(i));
                Objects objects =
                        new Objects(extracted.files().path(), extracted.controlObject().path());
                records.put(missing.get(i).sha256(), List.of(objects.files(), objects.control()));
                added.put(missing.get(i), objects);
            }
            return added;
        }
    }

    private Path fetch(LockedPackage locked, List<NamedSource> sources) {
        NamedSource source = NamedSource.find(sources, locked.repository()).orElseThrow(() -> new InputsException(
                "cairn.lock takes " + locked.name() + " " + locked.version() + " from the repository '" + locked.repository()
                        + "', which is not configured (configured: "
                        + String.join(", ", sources.stream().map(NamedSource::name).toList()) + ")",
                "add it to cairn.pkl's debian.repositories or to the machine's apt sources, or run `cairn lock` again"));
        return debs.fetch(source.source().uri(), locked.path(), locked.size(), Sha256.parse(locked.sha256(), "cairn.lock"));
    }

    private static UnpackedDeb unpack(DebExtractor extractor, LockedPackage locked, Path deb, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new InputsException("cannot create " + directory + ": " + e, "check that cairn's cache directory is writable", e);
        }
        UnpackedDeb unpacked;
        try {
            unpacked = extractor.unpack(deb, directory);
        } catch (InputsException e) {
            throw new InputsException(locked.name() + " " + locked.version() + " (" + locked.repository() + "/" + locked.path()
                    + "): " + e.getMessage(), e.hint(), e);
        }
        DebControl control = unpacked.control();
        if (!control.packageName().equals(locked.name()) || !control.version().equals(locked.version())) {
            throw new InputsException(locked.repository() + "/" + locked.path() + " is " + control.packageName() + " "
                    + control.version() + ", where cairn.lock expects " + locked.name() + " " + locked.version(),
                    "the repository's index and its package disagree; report it to the repository's maintainers");
        }
        return unpacked;
    }

    /**
     * The files the packages' maintainer scripts would have made, as one object. It is
     * written afresh each time (it is small, and its bytes depend only on the packages), and
     * the store keeps one copy however often it is added.
     */
    /**
     * The rootfs configuration object of {@code packages}, made once per set: store paths name
     * contents, so the same objects (and the same {@link RootfsConfig#GENERATION}) give the same
     * configuration, and a record of it spares a no-op build the regeneration.
     */
    private StorePath rootfsConfig(List<RealizedPackage> packages) {
        String key = configKey(packages);
        return configs.find(key).map(List::getFirst).orElseGet(() -> {
            StorePath made = makeRootfsConfig(packages);
            configs.put(key, List.of(made));
            return made;
        });
    }

    private static String configKey(List<RealizedPackage> packages) {
        StringBuilder description = new StringBuilder("rootfs-config generation ").append(RootfsConfig.GENERATION).append('\n');
        packages.stream()
                .map(p -> p.locked().name() + ' ' + p.files() + ' ' + p.control())
                .sorted()
                .forEach(line -> description.append(line).append('\n'));
        return Sha256.of(description.toString().getBytes(StandardCharsets.UTF_8)).hex();
    }

    private StorePath makeRootfsConfig(List<RealizedPackage> packages) {
        PackageTrees trees = new PackageTrees(packages.stream().map(p -> store.physicalPath(p.files())).toList());
        Map<String, String> controls = new TreeMap<>();
        Map<String, String> postinsts = new TreeMap<>();
        for (RealizedPackage p : packages) {
            Path directory = store.physicalPath(p.control());
            controls.put(p.locked().name(), read(directory.resolve("control")).orElseThrow(() -> new InputsException(
                    p.control() + " has no control file", "run `cairn store verify`; then build again")));
            read(directory.resolve("postinst")).ifPresent(text -> postinsts.put(p.locked().name(), text));
        }
        try (ScratchDirectory scratch = ScratchDirectory.create(cache.resolve("tmp"), "rootfs-")) {
            Path tree = scratch.resolve("rootfs-config");
            RootfsConfig.write(tree, trees, controls, postinsts);
            return store.add(tree, "rootfs-config").path();
        } catch (StoreException e) {
            throw new InputsException("cannot add the rootfs configuration to the store: " + e.getMessage(), e.hint(), e);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new InputsException("cannot read " + file + ": " + e, "run `cairn store verify`; then build again", e);
        }
    }

    /** Runs one task per item, at most {@code parallelism} at once; the first failure wins. */
    private static <I, T> List<T> all(List<I> items, Function<I, Callable<T>> task, int parallelism) {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, items.size())),
                Thread.ofVirtual().factory())) {
            List<Future<T>> futures = items.stream().map(item -> pool.submit(task.apply(item))).toList();
            List<T> results = new ArrayList<>();
            try {
                for (Future<T> future : futures) {
                    results.add(future.get());
                }
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new InputsException("interrupted while fetching Debian packages", "run the command again");
            }
            return results;
        }
    }
}
