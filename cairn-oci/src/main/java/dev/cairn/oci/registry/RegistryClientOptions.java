package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import dev.cairn.oci.registry.auth.CredentialSource;
import dev.cairn.oci.registry.auth.DockerConfigCredentials;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link RegistryClient} behaves.
 *
 * @param insecureRegistries registries ({@code host} or {@code host:port}) that may be spoken to
 *     over plain HTTP; loopback hosts always may
 * @param credentials where credentials for a registry come from when it asks for them
 * @param retry how transient failures are retried
 * @param chunkSize blobs larger than this are uploaded in PATCH chunks of this many bytes;
 *     smaller ones in a single PUT
 * @param maxConcurrentUploads how many blobs upload at once
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a response, including sending its request body
 * @param progress told how far each blob upload has got
 */
public record RegistryClientOptions(Set<String> insecureRegistries, CredentialSource credentials, RetryPolicy retry,
                                    long chunkSize, int maxConcurrentUploads, Duration connectTimeout,
                                    Duration requestTimeout, Optional<UploadProgressListener> progress) {
    public static final long DEFAULT_CHUNK_SIZE = 16L << 20;

    public RegistryClientOptions {
        insecureRegistries = Set.copyOf(insecureRegistries);
        progress = progress == null ? Optional.empty() : progress;
        if (chunkSize < 1) {
            throw new OciException("the upload chunk size must be positive, not " + chunkSize, "use e.g. 16 MiB");
        }
        if (maxConcurrentUploads < 1) {
            throw new OciException("at least one upload must be allowed at a time, not " + maxConcurrentUploads,
                    "use e.g. 4");
        }
    }

    /**
     * No insecure registries, credentials from docker's and podman's config files, the default
     * retry policy, 16 MiB chunks, 4 concurrent uploads, 30 s to connect, 10 min per request.
     */
    public static RegistryClientOptions defaults() {
        return new RegistryClientOptions(Set.of(), DockerConfigCredentials.fromEnvironment(), RetryPolicy.defaults(),
                DEFAULT_CHUNK_SIZE, 4, Duration.ofSeconds(30), Duration.ofMinutes(10), Optional.empty());
    }

    public RegistryClientOptions withInsecureRegistries(Set<String> registries) {
        return new RegistryClientOptions(registries, credentials, retry, chunkSize, maxConcurrentUploads,
                connectTimeout, requestTimeout, progress);
    }

    public RegistryClientOptions withCredentials(CredentialSource source) {
        return new RegistryClientOptions(insecureRegistries, source, retry, chunkSize, maxConcurrentUploads,
                connectTimeout, requestTimeout, progress);
    }

    public RegistryClientOptions withRetry(RetryPolicy policy) {
        return new RegistryClientOptions(insecureRegistries, credentials, policy, chunkSize, maxConcurrentUploads,
                connectTimeout, requestTimeout, progress);
    }

    public RegistryClientOptions withChunkSize(long bytes) {
        return new RegistryClientOptions(insecureRegistries, credentials, retry, bytes, maxConcurrentUploads,
                connectTimeout, requestTimeout, progress);
    }

    public RegistryClientOptions withMaxConcurrentUploads(int uploads) {
        return new RegistryClientOptions(insecureRegistries, credentials, retry, chunkSize, uploads,
                connectTimeout, requestTimeout, progress);
    }

    public RegistryClientOptions withTimeouts(Duration connect, Duration request) {
        return new RegistryClientOptions(insecureRegistries, credentials, retry, chunkSize, maxConcurrentUploads,
                connect, request, progress);
    }

    public RegistryClientOptions withProgress(UploadProgressListener listener) {
        return new RegistryClientOptions(insecureRegistries, credentials, retry, chunkSize, maxConcurrentUploads,
                connectTimeout, requestTimeout, Optional.of(listener));
    }
}
