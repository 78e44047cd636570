package dev.cairn.oci.registry;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.ImageReference;
import java.nio.file.Path;

/**
 * A client of the OCI distribution spec v1.1: checks registries, pushes images (blobs first,
 * then the manifest) and pulls manifests and blobs, verifying every digest. Authenticates with
 * Basic or Bearer tokens as each registry asks, retries transient failures, and speaks plain
 * HTTP only to loopback and explicitly insecure registries. Safe for concurrent use; close it
 * to release its connections.
 */
public final class RegistryClient implements AutoCloseable {
    private final RegistryHttp http;
    private final Pinger pinger;
    private final BlobUploader uploader;
    private final ImagePusher pusher;
    private final ManifestTransfer manifests;
    private final BlobDownloader downloader;

    private RegistryClient(RegistryClientOptions options) {
        this.http = new RegistryHttp(options);
        this.pinger = new Pinger(http);
        this.uploader = new BlobUploader(http, options.chunkSize(), options.progress());
        this.manifests = new ManifestTransfer(http);
        this.pusher = new ImagePusher(uploader, manifests, options.maxConcurrentUploads());
        this.downloader = new BlobDownloader(http);
    }

    public static RegistryClient create(RegistryClientOptions options) {
        return new RegistryClient(options);
    }

    /**
     * {@code GET /v2/}: whether {@code registry} ({@code host[:port]}) is a registry and how it
     * stands on authentication. Throws naming the cause when it is unreachable, fails TLS, or
     * is not a registry, and when it refuses the credentials there are.
     */
    public RegistryPing ping(String registry) {
        return pinger.ping(registry);
    }

    /** {@code HEAD} of the blob: whether the repository has it. */
    public boolean blobExists(Repository repository, Digest digest) {
        return uploader.exists(repository, digest);
    }

    /**
     * Makes every blob of the plan present (skipping those already there, mounting those a
     * sibling repository has, uploading the rest), then puts the manifest under its digest and
     * each tag. Nothing refers to the blobs until every one of them is there.
     */
    public PushResult push(PushPlan plan) {
        return pusher.push(plan);
    }

    /** The manifest or index a tag or digest names, its digest checked against the reference's. */
    public PulledManifest pullManifest(ImageReference reference) {
        return manifests.get(reference);
    }

    /**
     * Downloads a blob to {@code destination}, verified against the descriptor's digest and size;
     * the file appears only when complete and correct.
     */
    public void pullBlob(Repository repository, Descriptor blob, Path destination) {
        downloader.download(repository, blob, destination);
    }

    @Override
    public void close() {
        http.close();
    }
}
