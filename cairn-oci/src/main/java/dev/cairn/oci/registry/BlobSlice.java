package dev.cairn.oci.registry;

import dev.cairn.oci.Digest;
import dev.cairn.oci.OciException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The bytes {@code [offset, offset + length)} of a blob's source, as a request body: the
 * source must really hold them (a short source is our error, not the network's), and what is
 * read is reported as upload progress.
 */
record BlobSlice(PushPlan.Blob blob, long offset, long length, Optional<UploadProgressListener> progress)
        implements BlobSource {

    static BlobSlice whole(PushPlan.Blob blob, Optional<UploadProgressListener> progress) {
        return new BlobSlice(blob, 0, blob.size(), progress);
    }

    RequestBody body() {
        return new RequestBody(length, this, "blob " + blob.digest() + " from its source");
    }

    @Override
    public InputStream open() throws IOException {
        InputStream in = blob.source().open();
        try {
            in.skipNBytes(offset);
        } catch (EOFException e) {
            in.close();
            throw tooShort(offset);
        }
        return new Slice(in);
    }

    private OciException tooShort(long got) {
        Digest digest = blob.digest();
        return new OciException("the source of blob " + digest + " ended after " + got + " bytes, but its descriptor says "
                + blob.size(), "the blob's source changed since the push was planned; plan it again");
    }

    private final class Slice extends FilterInputStream {
        private long read;

        Slice(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (read >= length) {
                return -1;
            }
            int n = in.read(buffer, off, (int) Math.min(len, length - read));
            if (n < 0) {
                throw tooShort(offset + read);
            }
            read += n;
            progress.ifPresent(listener -> listener.progress(blob.digest(), offset + read, blob.size()));
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("a blob slice is read, not skipped");
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), length - read);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
