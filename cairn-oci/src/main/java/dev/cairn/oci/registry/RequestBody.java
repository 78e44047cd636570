package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;

/**
 * A request body that can be sent again: its exact length and a source to open afresh for each
 * sending, because a 401 challenge, a redirect or a retry sends the same request twice.
 */
record RequestBody(long length, BlobSource source, String description) {
    static final RequestBody EMPTY = new RequestBody(0, BlobSource.of(new byte[0]), "an empty body");

    static RequestBody of(byte[] bytes, String description) {
        return new RequestBody(bytes.length, BlobSource.of(bytes), description);
    }

    HttpRequest.BodyPublisher publisher() {
        if (length == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(this::open), length);
    }

    private InputStream open() {
        try {
            return source.open();
        } catch (IOException e) {
            // Not a network failure: retrying cannot help, so it must not look like one.
            throw new OciException("cannot read " + description + ": " + e.getMessage(),
                    "the content must stay readable until the push has finished", e);
        }
    }
}
