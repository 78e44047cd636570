package dev.cairn.store;

import dev.cairn.store.nar.FileTreeVisitor;
import dev.cairn.store.nar.NarWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Copies a tree into a fresh, canonical one while serialising it as NAR, in one pass over the
 * source: every byte read is written to the copy and to the NAR at once, so the hash is that
 * of exactly what was written. Files are created fresh, so no xattrs, ACLs or special bits
 * come along.
 */
final class ObjectCopier implements FileTreeVisitor {
    private final NarWriter nar;
    private final Deque<Path> destinations = new ArrayDeque<>();
    private final byte[] buffer = new byte[1 << 20];

    ObjectCopier(Path destination, NarWriter nar) {
        this.nar = nar;
        destinations.push(destination);
    }

    @Override
    public void directoryStart(Path directory) throws IOException {
        Files.createDirectory(destinations.peek());
        nar.directoryStart();
    }

    @Override
    public void entryStart(String name) throws IOException {
        destinations.push(destinations.peek().resolve(name));
        nar.entryStart(name);
    }

    @Override
    public void entryEnd() throws IOException {
        destinations.pop();
        nar.entryEnd();
    }

    @Override
    public void directoryEnd(Path directory) throws IOException {
        Canonical.directory(destinations.peek());
        nar.directoryEnd();
    }

    @Override
    public void regularFile(Path file, boolean executable, long size) throws IOException {
        Path destination = destinations.peek();
        nar.regularStart(executable, size);
        long copied = 0;
        try (FileChannel in = FileChannel.open(file);
                FileChannel out = FileChannel.open(destination, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer view = ByteBuffer.wrap(buffer);
            while (copied < size) {
                view.clear().limit((int) Math.min(buffer.length, size - copied));
                int n = in.read(view);
                if (n < 0) {
                    break;
                }
                nar.contents(buffer, 0, n);
                view.flip();
                while (view.hasRemaining()) {
                    out.write(view);
                }
                copied += n;
            }
            if (copied != size || in.read(ByteBuffer.allocate(1)) > 0) {
                throw new IOException(file + " changed while it was being added");
            }
        }
        nar.regularEnd(size);
        Canonical.file(destination, executable);
    }

    @Override
    public void symlink(Path link, String target) throws IOException {
        Path destination = destinations.peek();
        Files.createSymbolicLink(destination, Path.of(target));
        Canonical.symlink(destination);
        nar.symlink(target);
    }
}
