package dev.cairn.cli;

import dev.cairn.oci.Progress;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows how much work is done on one stderr line, rewritten in place at most ten times a
 * second; silent when stderr is not a terminal, so logs and pipes stay clean.
 */
final class ProgressLine implements Progress, AutoCloseable {
    private static final long INTERVAL_NANOS = 100_000_000L;
    private final PrintWriter err;
    private final boolean enabled;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lastDrawn = new AtomicLong(System.nanoTime());
    private volatile String phase = "";
    private volatile boolean drawn;

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.enabled = terminal;
    }

    /** The launcher knows whether stderr is a terminal ({@code [ -t 2 ]}) and says so in cairn.tty. */
    static ProgressLine forTerminal(PrintWriter err) {
        return new ProgressLine(err, Boolean.getBoolean("cairn.tty"));
    }

    @Override
    public void advance(String newPhase, long more) {
        if (!enabled) {
            return;
        }
        if (!newPhase.equals(phase)) {
            phase = newPhase;
            bytes.set(0);
        }
        long total = bytes.addAndGet(more);
        long now = System.nanoTime();
        long last = lastDrawn.get();
        if (now - last >= INTERVAL_NANOS && lastDrawn.compareAndSet(last, now)) {
            synchronized (err) {
                err.print("\r\u001b[K" + phase + ": " + Output.bytes(total));
                err.flush();
                drawn = true;
            }
        }
    }

    @Override
    public void close() {
        if (drawn) {
            synchronized (err) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
