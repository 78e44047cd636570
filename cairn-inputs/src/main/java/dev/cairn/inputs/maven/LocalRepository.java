package dev.cairn.inputs.maven;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.lock.LockedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a Maven local repository that one build filled from the network, and lists what it
 * downloaded as lock entries. Maven notes in each directory's {@code _remote.repositories}
 * which files came from which repository ({@code jackson-core-2.21.2.jar>central=}); only
 * those become entries, so the project's own installed artifacts ({@code >=}) and Maven's
 * bookkeeping ({@code _remote.repositories}, {@code *.lastUpdated},
 * {@code resolver-status.properties}, and {@code maven-metadata-*.xml}, which Maven renames
 * per repository and so lie at no remote path) are left out.
 */
public final class LocalRepository {
    private static final String REMOTE_RECORD = "_remote.repositories";

    private LocalRepository() {}

    /** The downloaded files under {@code root}, as entries of {@code repository}, sorted by path. */
    public static List<LockedFile> downloaded(Path root, String repository) {
        List<LockedFile> files = new ArrayList<>();
        try (Stream<Path> records = Files.walk(root)) {
            for (Path record : records.filter(path -> path.getFileName().toString().equals(REMOTE_RECORD)).toList()) {
                for (String line : Files.readAllLines(record)) {
                    int arrow = line.indexOf('>');
                    if (line.startsWith("#") || arrow <= 0 || line.endsWith(">=")) {
                        continue;
                    }
                    Path file = record.resolveSibling(line.substring(0, arrow));
                    if (Files.isRegularFile(file)) {
                        files.add(new LockedFile(repository, relative(root, file), sha256(file), Files.size(file)));
                    }
                }
            }
        } catch (IOException e) {
            throw new InputsException("cannot read the Maven repository " + root + ": " + e.getMessage(),
                    "check that the locking build's directory is intact", e);
        }
        files.sort(null);
        return List.copyOf(files);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStreamNull.INSTANCE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
