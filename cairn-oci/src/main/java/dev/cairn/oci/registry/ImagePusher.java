package dev.cairn.oci.registry;

import dev.cairn.oci.Digest;
import dev.cairn.oci.OciException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Carries out a {@link PushPlan}: every blob made present first, concurrently on virtual
 * threads, and only when all are there the manifest, under its digest and each tag. So a push
 * that fails leaves no manifest behind, only blobs nothing points to yet.
 */
final class ImagePusher {
    private final BlobUploader uploader;
    private final ManifestTransfer manifests;
    private final int maxConcurrentUploads;

    ImagePusher(BlobUploader uploader, ManifestTransfer manifests, int maxConcurrentUploads) {
        this.uploader = uploader;
        this.manifests = manifests;
        this.maxConcurrentUploads = maxConcurrentUploads;
    }

    PushResult push(PushPlan plan) {
        Repository repository = plan.repository();
        List<BlobUploader.Outcome> outcomes = ensureAll(repository, plan.blobs());
        Digest digest = plan.manifestDigest();
        byte[] manifest = plan.manifest();
        for (String reference : plan.manifestReferences()) {
            manifests.put(repository, reference, manifest, plan.manifestMediaType(), digest);
        }
        int uploaded = 0;
        int present = 0;
        int mounted = 0;
        long bytes = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            switch (outcomes.get(i)) {
                case UPLOADED -> {
                    uploaded++;
                    bytes += plan.blobs().get(i).size();
                }
                case PRESENT -> present++;
                case MOUNTED -> mounted++;
            }
        }
        return new PushResult(repository.at(digest), plan.tags(), uploaded, present, mounted, bytes);
    }

    /** The outcome of each blob, in plan order; the first failure cancels the rest and is thrown. */
    private List<BlobUploader.Outcome> ensureAll(Repository repository, List<PushPlan.Blob> blobs) {
        Semaphore permits = new Semaphore(maxConcurrentUploads);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<BlobUploader.Outcome>> futures = new ArrayList<>();
            for (PushPlan.Blob blob : blobs) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return uploader.ensure(repository, blob);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<BlobUploader.Outcome> outcomes = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<BlobUploader.Outcome> future : futures) {
                try {
                    outcomes.add(future.get());
                } catch (CancellationException e) {
                    // Cancelled after an earlier failure, which is what gets reported.
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = unwrap(e.getCause());
                        futures.forEach(f -> f.cancel(true));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(f -> f.cancel(true));
                    throw new OciException("interrupted while pushing blobs to " + repository, "", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return outcomes;
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new OciException("pushing a blob failed: " + cause, "", cause);
    }
}
