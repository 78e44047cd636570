package dev.cairn.store.nar;

import dev.cairn.store.TreeFilter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serialises a tree as NAR, byte for byte what {@code nix-store --dump} writes. */
public final class NarDump implements FileTreeVisitor {
    private final NarWriter nar;
    private final byte[] buffer = new byte[1 << 16];

    private NarDump(NarWriter nar) {
        this.nar = nar;
    }

    public static void dump(Path root, OutputStream out) throws IOException {
        dump(root, null, out);
    }

    /** The NAR of what {@code filter} keeps of the tree (all of it when null), as {@code Store.add} would store it. */
    public static void dump(Path root, TreeFilter filter, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        NarWriter nar = new NarWriter(buffered);
        nar.start();
        if (filter == null) {
            FileTree.walk(root, new NarDump(nar));
        } else {
            FileTree.walk(root, filter, new NarDump(nar));
        }
        buffered.flush();
    }

    @Override
    public void directoryStart(Path directory) throws IOException {
        nar.directoryStart();
    }

    @Override
    public void entryStart(String name) throws IOException {
        nar.entryStart(name);
    }

    @Override
    public void entryEnd() throws IOException {
        nar.entryEnd();
    }

    @Override
    public void directoryEnd(Path directory) throws IOException {
        nar.directoryEnd();
    }

    @Override
    public void regularFile(Path file, boolean executable, long size) throws IOException {
        nar.regularStart(executable, size);
        long written = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while (written < size && (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - written))) > 0) {
                nar.contents(buffer, 0, n);
                written += n;
            }
        }
        if (written != size) {
            throw new IOException(file + " changed size while it was read (" + size + " → " + written + " bytes)");
        }
        nar.regularEnd(size);
    }

    @Override
    public void symlink(Path link, String target) throws IOException {
        nar.symlink(target);
    }
}
