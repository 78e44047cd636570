package dev.cairn.cli;

import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * A workspace's {@code cairn.lock}, parsed once per command: an image build asks for it from
 * the image, operable and package pipelines, and parsing 200 KB of JSON in a JVM that has just
 * started costs more than the rest of a no-op build's bookkeeping. Read again when the file's
 * size or time changed (as after `cairn lock` writes it).
 */
final class WorkspaceLock {
    private static final Map<Workspace, Read> READ = Collections.synchronizedMap(new WeakHashMap<>());

    private record Read(Optional<FileTime> modified, long size, Lock lock) {}

    private WorkspaceLock() {}

    static Lock of(Workspace workspace) {
        Path file = workspace.root().resolve(LockFile.FILE_NAME);
        Optional<FileTime> modified = Optional.empty();
        long size = -1;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            modified = Optional.of(attributes.lastModifiedTime());
            size = attributes.size();
        } catch (IOException absent) {
            // LockFile.read says what an absent lock is
        }
        Read read = READ.get(workspace);
        if (read != null && read.modified().equals(modified) && read.size() == size) {
            return read.lock();
        }
        Lock lock = LockFile.read(file);
        READ.put(workspace, new Read(modified, size, lock));
        return lock;
    }
}
