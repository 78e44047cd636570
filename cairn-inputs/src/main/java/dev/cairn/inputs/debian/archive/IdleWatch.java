package dev.cairn.inputs.debian.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A body stream that closes itself when no byte has arrived for a while. The JDK's HTTP
 * client bounds the wait for response headers but not the silences inside a body; closing
 * the stream from this watchdog wakes the blocked reader with an IOException, which is retried.
 * Run it on its own thread; {@link #stop()} it when reading is over.
 */
final class IdleWatch extends FilterInputStream implements Runnable {
    private final long idleNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stopped;
    private volatile boolean fired;

    IdleWatch(InputStream body, Duration idle) {
        super(body);
        this.idleNanos = idle.toNanos();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        lastProgress = System.nanoTime();
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        lastProgress = System.nanoTime();
        return n;
    }

    @Override
    public void run() {
        long check = Math.max(Duration.ofMillis(10).toNanos(), idleNanos / 4);
        while (!stopped) {
            try {
                Thread.sleep(Duration.ofNanos(check));
            } catch (InterruptedException e) {
                return;
            }
            if (!stopped && System.nanoTime() - lastProgress > idleNanos) {
                fired = true;
                try {
                    in.close();
                } catch (IOException ignored) {
                    // Closing is how the reader is woken; whether close itself complains changes nothing.
                }
                return;
            }
        }
    }

    boolean fired() {
        return fired;
    }

    void stop() {
        stopped = true;
    }
}
