package dev.cairn.workspace;

import dev.cairn.workspace.EvaluationInput.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.pkl.core.PModule;

/**
 * Evaluated modules kept between cairn runs, so that an unchanged module is not evaluated
 * again and Pkl is not even started when every module a command needs is here.
 *
 * <p>Keyed like ccache's direct mode. The entry's name is a digest of what is fixed before
 * evaluating: this format, Pkl's version, the workspace root (the security manager's bound),
 * the external properties, the OS and architecture, and the module's path. The entry holds
 * every {@link EvaluationInput} the evaluation read, then the serialised {@link PModule}; it is
 * a hit only when each input, read again, gives the digest recorded. {@code pkl:} modules are
 * covered by Pkl's version; {@code cairn:} modules are inputs like files.
 *
 * <p>Anything wrong with an entry (unreadable, truncated, another format, a class the filter
 * refuses) is a miss, and a directory that cannot be written means nothing is kept: the cache
 * never fails a command. Entries are written to a temporary file and renamed into place, so
 * concurrent cairn processes only ever see whole entries.
 */
final class EvaluationCache {
    /**
     * Bump when what an entry means changes: its layout, the questions recorded, or how the
     * evaluator is configured (factories, readers, security), so old entries stop matching.
     */
    static final String FORMAT = "cairn-pkl-evaluation-1";
    /**
     * The classes of a PModule's value graph: Pkl's value types and the JDK types they hold
     * (Pkl exports List/Listing as ArrayList, Set as LinkedHashSet, Map/Mapping as
     * LinkedHashMap, Regex as Pattern; Object[] and Map.Entry[] are the arrays ArrayList and
     * HashMap allocate as they read themselves). Everything else is refused, so an entry cannot
     * make cairn build any other object.
     */
    private static final ObjectInputFilter VALUES = ObjectInputFilter.Config.createFilter(String.join(";",
            "maxdepth=200",
            "org.pkl.core.*",
            "java.lang.String", "java.lang.Long", "java.lang.Double", "java.lang.Boolean", "java.lang.Integer",
            "java.lang.Number", "java.lang.Void", "java.lang.Enum", "java.lang.Object",
            "java.util.ArrayList", "java.util.LinkedHashMap", "java.util.HashMap", "java.util.Map$Entry",
            "java.util.LinkedHashSet", "java.util.HashSet", "java.util.ImmutableCollections$*",
            "java.util.CollSer", "java.net.URI", "java.util.regex.Pattern",
            "!*"));

    private final Path directory;
    private final String context;
    private final CurrentInputs current;
    private int hits;
    private int misses;

    EvaluationCache(Path directory, Path root, Map<String, String> properties, CurrentInputs current) {
        this.directory = directory;
        this.current = current;
        StringBuilder context = new StringBuilder();
        field(context, FORMAT);
        field(context, pklVersion());
        field(context, System.getProperty("os.name"));
        field(context, System.getProperty("os.arch"));
        field(context, root.toAbsolutePath().toString());
        new TreeMap<>(properties).forEach((name, value) -> {
            field(context, name);
            field(context, value);
        });
        this.context = context.toString();
    }

    /** The evaluated {@code module}, when its entry is here and every input it read is unchanged. */
    Optional<PModule> find(Path module) {
        Optional<PModule> found = read(entry(module));
        if (found.isPresent()) {
            hits++;
        } else {
            misses++;
        }
        return found;
    }

    /**
     * Keeps {@code value}, the evaluation of {@code module}, which read {@code inputs}. A value
     * that does not serialise, or a directory that cannot be written, keeps nothing.
     */
    void store(Path module, List<EvaluationInput> inputs, PModule value) {
        byte[] bytes;
        try {
            bytes = encode(inputs, value);
        } catch (IOException | RuntimeException e) {
            return; // NotSerializableException, or a URI too long to write: evaluated every time
        }
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, ".entry-", ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, entry(module), StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (IOException | RuntimeException e) {
            // an unwritable cache only means evaluating again next time
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // left for whoever clears the cache
                }
            }
        }
    }

    int hits() {
        return hits;
    }

    int misses() {
        return misses;
    }

    /** Where the entry of {@code module} is. */
    Path entry(Path module) {
        StringBuilder key = new StringBuilder(context);
        field(key, module.toAbsolutePath().toString());
        return directory.resolve(EvaluationInput.sha256(key.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Optional<PModule> read(Path entry) {
        try {
            byte[] bytes = Files.readAllBytes(entry);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (!FORMAT.equals(in.readUTF())) {
                return Optional.empty();
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                EvaluationInput input = new EvaluationInput(Kind.valueOf(in.readUTF()), new URI(in.readUTF()),
                        in.readUTF());
                if (!current.unchanged(input)) {
                    return Optional.empty();
                }
            }
            int length = in.readInt();
            if (length < 0 || length != in.available()) {
                return Optional.empty();
            }
            return Optional.of(decode(in.readNBytes(length)));
        } catch (IOException | ClassNotFoundException | java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty(); // no entry, or a damaged one
        }
    }

    private static byte[] encode(List<EvaluationInput> inputs, PModule value) throws IOException {
        ByteArrayOutputStream module = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(module)) {
            out.writeObject(value);
        }
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(entry)) {
            out.writeUTF(FORMAT);
            out.writeInt(inputs.size());
            for (EvaluationInput input : inputs) {
                out.writeUTF(input.kind().name());
                out.writeUTF(input.uri().toString());
                out.writeUTF(input.digest());
            }
            out.writeInt(module.size());
            module.writeTo(out);
        }
        return entry.toByteArray();
    }

    private static PModule decode(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(VALUES);
            return (PModule) in.readObject();
        }
    }

    /**
     * Pkl's version and commit, read from the file {@code Release} reads them from: calling
     * {@code Release.current()} would load Truffle, which a hit must not pay for.
     */
    private static String pklVersion() {
        try (InputStream in = org.pkl.core.Release.class.getResourceAsStream("Release.properties")) {
            if (in != null) {
                Properties release = new Properties();
                release.load(in);
                String version = release.getProperty("version");
                if (version != null) {
                    return version + " " + release.getProperty("commitId");
                }
            }
        } catch (IOException e) {
            // fall through to asking Pkl itself
        }
        return org.pkl.core.Release.current().version().toString();
    }

    /** Appends {@code value} so that no two sequences of fields give the same text. */
    private static void field(StringBuilder text, String value) {
        String shown = String.valueOf(value);
        text.append(shown.length()).append(':').append(shown).append('\n');
    }
}
