package dev.cairn.packaging.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A build's output, cut into lines for the caller's sink while the last few are kept for an
 * error message. Bytes are decoded as UTF-8 with bad sequences replaced, since a build may
 * print anything; a line longer than {@link #MAX_LINE_BYTES} is passed on in pieces so that
 * output without newlines cannot fill memory.
 */
final class BuildLog {
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final Consumer<String> sink;
    private final int tailLines;
    private final Deque<String> tail = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    BuildLog(Consumer<String> sink, int tailLines) {
        this.sink = sink;
        this.tailLines = tailLines;
    }

    /** Reads {@code output} to its end. */
    void readAll(InputStream output) throws IOException {
        byte[] buffer = new byte[8192];
        int read;
        while ((read = output.read(buffer)) >= 0) {
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    endLine();
                } else {
                    line.write(b);
                    if (line.size() >= MAX_LINE_BYTES) {
                        endLine();
                    }
                }
            }
        }
        if (line.size() > 0) {
            endLine();
        }
    }

    List<String> tail() {
        return List.copyOf(tail);
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (tailLines > 0) {
            if (tail.size() == tailLines) {
                tail.removeFirst();
            }
            tail.addLast(text);
        }
        sink.accept(text);
    }
}
