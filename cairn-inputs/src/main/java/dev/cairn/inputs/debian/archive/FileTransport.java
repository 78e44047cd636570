package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads {@code file:} repositories: a local mirror, a mounted snapshot, a test's tree. */
public final class FileTransport implements Transport {
    @Override
    public <T> Optional<T> read(URI uri, BodyReader<T> reader) {
        if (!"file".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a file: URI: " + uri);
        }
        Path file = Path.of(uri);
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(reader.read(in));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InputsException("cannot read " + file + ": " + e.getMessage(),
                    "check that the repository directory is readable", e);
        }
    }
}
