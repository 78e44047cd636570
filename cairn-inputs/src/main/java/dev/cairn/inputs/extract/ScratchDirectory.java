package dev.cairn.inputs.extract;

import dev.cairn.inputs.InputsException;
import dev.cairn.store.TreeDeletion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private temporary directory (mode 0700) under a scratch directory, deleted with all it
 * holds when closed, whether the work in it succeeded or not.
 */
public final class ScratchDirectory implements AutoCloseable {
    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    /** Creates {@code <parent>/<prefix><random>}, creating {@code parent} if needed. */
    public static ScratchDirectory create(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            return new ScratchDirectory(Files.createTempDirectory(parent, prefix));
        } catch (IOException e) {
            throw new InputsException("cannot create a scratch directory in " + parent + ": " + e,
                    "check that " + parent + " is writable and its disk has space", e);
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        try {
            TreeDeletion.delete(path);
        } catch (IOException e) {
            throw new InputsException("cannot delete the scratch directory " + path + ": " + e,
                    "delete it by hand; nothing else uses it", e);
        }
    }
}
