package dev.cairn.inputs.cache;

import dev.cairn.inputs.InputsException;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which store objects a fetched input (by its SHA-256) became: {@code <directory>/<sha256>},
 * one store path per line. Store paths are named by content, not by the file they came from,
 * so this is the way from a lock entry to its objects without fetching or unpacking again. A
 * record whose objects the store no longer has (collected), or that cannot be read, counts as
 * absent: the input is fetched again and the record rewritten.
 */
public final class StoreRecords {
    private final Path directory;
    private final Store store;

    public StoreRecords(Path directory, Store store) {
        this.directory = directory;
        this.store = store;
    }

    /** The objects recorded for {@code sha256}, when the store still has every one of them. */
    public Optional<List<StorePath>> find(String sha256) {
        List<StorePath> objects = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(directory.resolve(sha256), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    objects.add(StorePath.parse(line.strip()));
                }
            }
        } catch (IOException | StoreException absentOrDamaged) {
            return Optional.empty();
        }
        return !objects.isEmpty() && objects.stream().allMatch(store::isValid) ? Optional.of(objects) : Optional.empty();
    }

    /** Records (atomically) that {@code sha256} became {@code objects}. */
    public void put(String sha256, List<StorePath> objects) {
        StringBuilder text = new StringBuilder();
        objects.forEach(object -> text.append(object).append('\n'));
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "." + sha256 + ".", ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                Files.move(temporary, directory.resolve(sha256), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new InputsException("cannot record the store objects of " + sha256 + " in " + directory + ": " + e,
                    "check that cairn's cache directory is writable", e);
        }
    }
}
