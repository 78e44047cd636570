package dev.cairn.inputs.debian.pin;

import dev.cairn.inputs.InputsException;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Which store objects a .deb (by SHA-256) was extracted to, so a build whose packages are
 * already in the store neither fetches nor unpacks them. Store paths are named by content,
 * not by the .deb, so this is the only way from a lock entry to its objects; a record whose
 * objects the store no longer has (collected) is ignored, and the package extracted again.
 */
final class ExtractionRecords {
    private final Path directory;
    private final Store store;

    ExtractionRecords(Path directory, Store store) {
        this.directory = directory;
        this.store = store;
    }

    record Objects(StorePath files, StorePath control) {}

    Optional<Objects> find(String sha256) {
        List<String> lines;
        try {
            lines = Files.readAllLines(directory.resolve(sha256), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: extract again, and overwrite it
        }
        if (lines.size() != 2) {
            return Optional.empty();
        }
        try {
            Objects objects = new Objects(StorePath.parse(lines.get(0)), StorePath.parse(lines.get(1)));
            return store.isValid(objects.files()) && store.isValid(objects.control()) ? Optional.of(objects) : Optional.empty();
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    void put(String sha256, Objects objects) {
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "." + sha256 + ".", ".tmp");
            try {
                Files.writeString(temporary, objects.files() + "\n" + objects.control() + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, directory.resolve(sha256), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new InputsException("cannot record the extraction of " + sha256 + " in " + directory + ": " + e,
                    "check that cairn's cache directory is writable", e);
        }
    }
}
