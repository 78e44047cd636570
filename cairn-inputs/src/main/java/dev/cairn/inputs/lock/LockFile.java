package dev.cairn.inputs.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code cairn.lock} on disk: JSON, two-space indented, one package per block, sorted, with a
 * trailing newline, so that it diffs well in review. Written atomically.
 */
public final class LockFile {
    public static final String FILE_NAME = "cairn.lock";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private LockFile() {}

    @JsonPropertyOrder({"lockVersion", "debian", "maven", "fetch"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(@JsonProperty("lockVersion") int lockVersion, @JsonProperty("debian") Debian debian,
            @JsonProperty("maven") Maven maven, @JsonProperty("fetch") Fetch fetch) {}

    /** Absent from the file when no package is a fetched one, like {@link Maven}. */
    record Fetch(@JsonProperty("files") List<LockedFile> files) {}

    /** Absent from the file when no package is a Maven one, so Debian-only locks keep their bytes. */
    @JsonPropertyOrder({"projects", "files"})
    record Maven(@JsonProperty("projects") List<LockedMavenProject> projects,
            @JsonProperty("files") List<LockedFile> files) {}

    @JsonPropertyOrder({"sets", "packages"})
    record Debian(@JsonProperty("sets") List<LockedSet> sets, @JsonProperty("packages") List<LockedPackage> packages) {}

    public static byte[] bytes(Lock lock) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try {
            String text = JSON.writer(printer).writeValueAsString(
                    new Document(Lock.FORMAT, new Debian(lock.sets(), lock.packages()),
                            lock.mavenProjects().isEmpty() ? null
                                    : new Maven(lock.mavenProjects(), lock.mavenFiles()),
                            lock.fetchFiles().isEmpty() ? null : new Fetch(lock.fetchFiles())));
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lock is plain data and always serialises", e);
        }
    }

    /** The lock at {@code file}; an absent file is an empty lock. */
    public static Lock read(Path file) {
        if (!Files.exists(file)) {
            return Lock.empty();
        }
        try {
            Document document = JSON.readValue(Files.readAllBytes(file), Document.class);
            if (document.lockVersion() != Lock.FORMAT) {
                throw new InputsException(file + " is lock format " + document.lockVersion() + ", this cairn reads "
                        + Lock.FORMAT, "use the cairn that wrote it, or run `cairn lock` to write it again");
            }
            Debian debian = document.debian() == null ? new Debian(List.of(), List.of()) : document.debian();
            Maven maven = document.maven() == null ? new Maven(List.of(), List.of()) : document.maven();
            return new Lock(debian.sets() == null ? List.of() : debian.sets(),
                    debian.packages() == null ? List.of() : debian.packages(),
                    maven.projects() == null ? List.of() : maven.projects(),
                    maven.files() == null ? List.of() : maven.files(),
                    document.fetch() == null || document.fetch().files() == null ? List.of() : document.fetch().files());
        } catch (IOException e) {
            throw new InputsException(file + " is not a valid lock: " + e.getMessage().lines().findFirst().orElse(""),
                    "restore it from version control, or run `cairn lock` to write it again", e);
        } catch (InputsException e) {
            throw new InputsException(file + ": " + e.getMessage(), e.hint(), e);
        }
    }

    public static void write(Path file, Lock lock) {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + FILE_NAME + ".", ".tmp");
            try {
                Files.write(temporary, bytes(lock));
                // A temporary file is private (0600); the lock is a file the team reads and commits.
                Files.setPosixFilePermissions(temporary, Files.exists(file)
                        ? Files.getPosixFilePermissions(file)
                        : PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new InputsException("cannot write " + file + ": " + e.getMessage(), "check the directory's permissions", e);
        }
    }
}
