package dev.cairn.oci.registry;

import dev.cairn.oci.Digest;

/**
 * Told how far each blob upload has got, for a progress display. Called from upload threads,
 * concurrently for different blobs. When an upload is retried its count starts again from 0.
 */
@FunctionalInterface
public interface UploadProgressListener {
    void progress(Digest blob, long bytesSent, long size);
}
