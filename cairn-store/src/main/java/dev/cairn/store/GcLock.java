package dev.cairn.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps garbage collection apart from writers, across processes and threads: adds hold it
 * shared, the collector exclusive. The file lock is per process (the kernel drops it when a
 * process dies, so a killed add never blocks the store); threads of one process share it
 * through a counter, since the JVM refuses overlapping file locks.
 */
final class GcLock {
    private static final Map<Path, GcLock> BY_FILE = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock();
    private FileChannel channel;
    private FileLock fileLock;
    private int sharedHolders;

    private GcLock(Path file) {
        this.file = file;
    }

    static GcLock of(Path file) {
        return BY_FILE.computeIfAbsent(file.toAbsolutePath().normalize(), GcLock::new);
    }

    /** A lock released by {@code close}. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held shared() {
        threads.readLock().lock();
        synchronized (this) {
            if (sharedHolders++ == 0) {
                acquire(true);
            }
        }
        return () -> {
            synchronized (this) {
                if (--sharedHolders == 0) {
                    release();
                }
            }
            threads.readLock().unlock();
        };
    }

    Held exclusive() {
        threads.writeLock().lock();
        synchronized (this) {
            acquire(false);
        }
        return () -> {
            synchronized (this) {
                release();
            }
            threads.writeLock().unlock();
        };
    }

    private void acquire(boolean shared) {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            fileLock = channel.lock(0, Long.MAX_VALUE, shared);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private void release() {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlock " + file, e);
        } finally {
            fileLock = null;
            channel = null;
        }
    }
}
