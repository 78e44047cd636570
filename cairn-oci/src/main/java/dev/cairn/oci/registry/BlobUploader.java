package dev.cairn.oci.registry;

import dev.cairn.oci.Digest;
import dev.cairn.oci.OciException;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Makes one blob present in a repository: found already there, mounted from a sibling
 * repository on the same registry, or uploaded in one PUT (small) or in PATCH chunks (large).
 * A failure mid-upload restarts the blob's upload from a new session.
 */
final class BlobUploader {
    enum Outcome { PRESENT, MOUNTED, UPLOADED }

    private static final String OCTET_STREAM = "application/octet-stream";

    private final RegistryHttp http;
    private final long chunkSize;
    private final Optional<UploadProgressListener> progress;

    BlobUploader(RegistryHttp http, long chunkSize, Optional<UploadProgressListener> progress) {
        this.http = http;
        this.chunkSize = chunkSize;
        this.progress = progress;
    }

    boolean exists(Repository repository, Digest digest) {
        String what = "checking for blob " + digest + " in " + repository;
        URI uri = http.endpoint(repository.registry()).blob(repository, digest);
        return http.retrier().run(what, () -> {
            RegistryRequest head = RegistryRequest.of(repository.registry(), "HEAD", uri, Scope.pull(repository));
            try (RegistryResponse response = http.send(head).expect(what, 200, 404)) {
                return response.status() == 200;
            }
        });
    }

    Outcome ensure(Repository repository, PushPlan.Blob blob) {
        if (exists(repository, blob.digest())) {
            return Outcome.PRESENT;
        }
        String what = "uploading blob " + blob.digest() + " (" + blob.size() + " bytes) to " + repository;
        return http.retrier().run(what, () -> {
            Optional<String> from = blob.mountFrom().filter(name -> !name.equals(repository.name()));
            URI session;
            if (from.isPresent()) {
                Optional<URI> notMounted = mount(repository, blob, from.get(), what);
                if (notMounted.isEmpty()) {
                    return Outcome.MOUNTED;
                }
                session = notMounted.get();
            } else {
                session = start(repository, what);
            }
            if (blob.size() > chunkSize) {
                uploadInChunks(repository, blob, session, what);
            } else {
                uploadWhole(repository, blob, session, what);
            }
            return Outcome.UPLOADED;
        });
    }

    /** Empty when mounted (201); else the upload session the registry opened instead (202). */
    private Optional<URI> mount(Repository repository, PushPlan.Blob blob, String from, String what) throws IOException {
        URI uri = http.endpoint(repository.registry()).mount(repository, blob.digest(), from);
        Scope scope = Scope.push(repository).and(Scope.pull(repository.sibling(from)));
        RegistryRequest post = RegistryRequest.of(repository.registry(), "POST", uri, scope);
        try (RegistryResponse response = http.send(post).expect(what + " (mounting from " + from + ")", 201, 202)) {
            return response.status() == 201 ? Optional.empty() : Optional.of(session(response, what));
        }
    }

    private URI start(Repository repository, String what) throws IOException {
        URI uri = http.endpoint(repository.registry()).uploads(repository);
        RegistryRequest post = RegistryRequest.of(repository.registry(), "POST", uri, Scope.push(repository));
        try (RegistryResponse response = http.send(post).expect(what + " (starting the upload)", 202)) {
            return session(response, what);
        }
    }

    private void uploadWhole(Repository repository, PushPlan.Blob blob, URI session, String what) throws IOException {
        RegistryRequest put = RegistryRequest.of(repository.registry(), "PUT", RegistryEndpoint.withDigest(session, blob.digest()),
                        Scope.push(repository))
                .withBody(BlobSlice.whole(blob, progress).body(), OCTET_STREAM);
        try (RegistryResponse response = http.send(put)) {
            sessionAlive(response, what);
            response.expect(what, 201, 204);
            checkDigest(response, blob.digest(), what);
        }
    }

    private void uploadInChunks(Repository repository, PushPlan.Blob blob, URI session, String what) throws IOException {
        URI next = session;
        for (long offset = 0; offset < blob.size(); offset += chunkSize) {
            long length = Math.min(chunkSize, blob.size() - offset);
            RegistryRequest patch = RegistryRequest.of(repository.registry(), "PATCH", next, Scope.push(repository))
                    .withBody(new BlobSlice(blob, offset, length, progress).body(), OCTET_STREAM)
                    .withHeader("Content-Range", offset + "-" + (offset + length - 1));
            try (RegistryResponse response = http.send(patch)) {
                sessionAlive(response, what);
                response.expect(what + " (chunk at byte " + offset + ")", 202);
                next = session(response, what);
            }
        }
        RegistryRequest put = RegistryRequest.of(repository.registry(), "PUT", RegistryEndpoint.withDigest(next, blob.digest()),
                Scope.push(repository));
        try (RegistryResponse response = http.send(put)) {
            sessionAlive(response, what);
            response.expect(what + " (finishing the upload)", 201, 204);
            checkDigest(response, blob.digest(), what);
        }
    }

    /** A registry that forgot the session (restarted, expired it) answers 404 or 416: start the blob over. */
    private static void sessionAlive(RegistryResponse response, String what) throws IOException {
        if (response.status() == 404 || response.status() == 416) {
            String answer = response.describe(response.error());
            throw new RetryableStatusException(what + ": the registry lost the upload session (" + answer + ")",
                    Optional.empty());
        }
    }

    private static URI session(RegistryResponse response, String what) {
        return response.location().orElseThrow(() -> new OciException(
                what + ": the registry opened an upload session but gave no Location for it",
                "the registry does not follow the distribution spec; report it to its operator"));
    }

    private static void checkDigest(RegistryResponse response, Digest expected, String what) {
        Optional<String> stored = response.header("Docker-Content-Digest");
        if (stored.isPresent() && !stored.get().equals(expected.toString())) {
            throw new OciException(what + ": the registry stored it as " + stored.get() + ", not " + expected,
                    "the content changed in transit or the registry is faulty; push again");
        }
    }
}
