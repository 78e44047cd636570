package dev.cairn.store.nar;

import java.io.IOException;
import java.nio.file.Path;

/** Receives a file tree in NAR order: depth first, entries sorted by their UTF-8 bytes. */
public interface FileTreeVisitor {
    void directoryStart(Path directory) throws IOException;

    void entryStart(String name) throws IOException;

    void entryEnd() throws IOException;

    void directoryEnd(Path directory) throws IOException;

    void regularFile(Path file, boolean executable, long size) throws IOException;

    void symlink(Path link, String target) throws IOException;
}
