package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Copies a stream while hashing it, refusing to go past a limit: a mirror must not be able
 * to fill memory or disk by sending more than the signed index promised.
 */
final class BoundedRead {
    private BoundedRead() {}

    /** What was read: its size and SHA-256. */
    record Result(long size, Sha256 sha256) {}

    /**
     * @param limit the most bytes accepted; one more fails with {@code what} in the message
     * @param hint the hint to give when the limit is passed
     */
    static Result copy(InputStream in, OutputStream out, long limit, String what, String hint) throws IOException {
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (size + n > limit) {
                throw new InputsException(what + " is larger than the " + limit + " bytes expected (reading stopped there)",
                        hint);
            }
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            size += n;
        }
        return new Result(size, Sha256.of(digest));
    }

    /** Reads into memory; {@code limit} must fit in an array. */
    static byte[] bytes(InputStream in, long limit, String what, String hint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(in, out, limit, what, hint);
        return out.toByteArray();
    }
}
