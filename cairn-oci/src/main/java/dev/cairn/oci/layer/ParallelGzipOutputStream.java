package dev.cairn.oci.layer;

import com.jcraft.jzlib.Deflater;
import com.jcraft.jzlib.GZIPException;
import com.jcraft.jzlib.JZlib;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * gzip compressed on all cores, as pigz does: the input is cut into 1 MiB blocks at fixed
 * offsets, each deflated on its own with the previous block's last 32 KiB as dictionary and
 * ended on a byte boundary (sync flush), and the pieces are written in order inside one gzip
 * member. The bytes depend only on the input, never on the number of threads or timing.
 *
 * <p>A block whose first 64 KiB do not shrink at level 1 (already compressed data: jars,
 * archives, images) is stored rather than deflated; deflating it again gains next to nothing
 * and is the slowest thing a layer build does.
 */
final class ParallelGzipOutputStream extends OutputStream {
    static final int BLOCK_SIZE = 1 << 20;
    private static final int DICTIONARY_SIZE = 32 * 1024;
    private static final int SAMPLE_SIZE = 64 * 1024;
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Shared by every layer being written, so that compression never uses more threads than cores. */
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "cairn-gzip");
        thread.setDaemon(true);
        return thread;
    });
    private static final int OS_UNKNOWN = 255;

    private final OutputStream out;
    private final int level;
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block = new byte[BLOCK_SIZE];
    private int filled;
    private byte[] dictionary = new byte[0];
    private long size;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, int level) throws IOException {
        this.out = out;
        this.level = level;
        // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=unknown: nothing about when or where.
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) OS_UNKNOWN});
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        crc.update(bytes, offset, length);
        size += length;
        while (length > 0) {
            int n = Math.min(length, BLOCK_SIZE - filled);
            System.arraycopy(bytes, offset, block, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == BLOCK_SIZE) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] data = block;
        int length = filled;
        byte[] preset = dictionary;
        pending.add(POOL.submit(() -> compress(data, length, preset, level, last)));
        dictionary = Arrays.copyOfRange(data, Math.max(0, length - DICTIONARY_SIZE), length);
        block = new byte[BLOCK_SIZE];
        filled = 0;
        while (pending.size() > 2 * THREADS + 1) {
            out.write(join(pending.poll()));
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            while (!pending.isEmpty()) {
                out.write(join(pending.poll()));
            }
            long value = crc.getValue();
            out.write(new byte[] {
                (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24),
                (byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24)
            });
        } finally {
            pending.forEach(future -> future.cancel(true));
            out.close();
        }
    }

    static byte[] compress(byte[] data, int length, byte[] dictionary, int level, boolean last) throws GZIPException {
        int effective = incompressible(data, length) ? 0 : level;
        Deflater deflater = new Deflater(effective, JZlib.MAX_WBITS, true);
        if (dictionary.length > 0) {
            deflater.setDictionary(dictionary, dictionary.length);
        }
        byte[] compressed = deflate(deflater, data, length, last ? JZlib.Z_FINISH : JZlib.Z_SYNC_FLUSH);
        deflater.end();
        return compressed;
    }

    private static boolean incompressible(byte[] data, int length) {
        int sample = Math.min(length, SAMPLE_SIZE);
        if (sample < 4096) {
            return false;
        }
        try {
            Deflater probe = new Deflater(1, JZlib.MAX_WBITS, true);
            int compressed = deflate(probe, data, sample, JZlib.Z_FINISH).length;
            probe.end();
            return compressed >= sample - sample / 32;
        } catch (GZIPException e) {
            return false;
        }
    }

    private static byte[] deflate(Deflater deflater, byte[] data, int length, int flush) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(length / 2 + 64);
        byte[] buffer = new byte[64 * 1024];
        deflater.setInput(data, 0, length, false);
        while (true) {
            deflater.setOutput(buffer, 0, buffer.length);
            int status = deflater.deflate(flush);
            if (status != JZlib.Z_OK && status != JZlib.Z_STREAM_END && status != JZlib.Z_BUF_ERROR) {
                throw new IllegalStateException("deflate failed: " + status + " " + deflater.getMessage());
            }
            compressed.write(buffer, 0, buffer.length - deflater.getAvailOut());
            boolean done = flush == JZlib.Z_FINISH ? status == JZlib.Z_STREAM_END
                    : deflater.getAvailOut() != 0 && deflater.getAvailIn() == 0;
            if (done) {
                return compressed.toByteArray();
            }
        }
    }

    private static byte[] join(Future<byte[]> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compression failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
