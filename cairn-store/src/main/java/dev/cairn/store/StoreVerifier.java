package dev.cairn.store;

import dev.cairn.store.nar.NarDump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Re-hashes objects and compares them with what the store recorded when they were added. */
final class StoreVerifier {
    private final Store store;

    StoreVerifier(Store store) {
        this.store = store;
    }

    /** One entry per damaged object; empty when every object is intact. */
    List<Corruption> verify(Collection<StorePath> paths) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Optional<Corruption>>> checks = paths.stream()
                    .map(path -> pool.submit(() -> check(path)))
                    .toList();
            return checks.stream().map(StoreVerifier::join).flatMap(Optional::stream).toList();
        }
    }

    private Optional<Corruption> check(StorePath path) {
        ObjectInfo info = store.info(path);
        NarSink sink = new NarSink(java.util.Set.of());
        try {
            NarDump.dump(store.physicalPath(path), sink);
        } catch (IOException | UncheckedIOException e) {
            return Optional.of(new Corruption(path, info.narHash(), null, "cannot be read: " + e.getMessage()));
        } catch (StoreException e) {
            return Optional.of(new Corruption(path, info.narHash(), null, e.getMessage()));
        }
        NarHash actual = sink.hash();
        if (!actual.equals(info.narHash()) || sink.size() != info.narSize()) {
            return Optional.of(new Corruption(path, info.narHash(), actual, "content changed"));
        }
        return Optional.empty();
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
