package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.control.Deb822;
import dev.cairn.inputs.debian.control.Paragraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads where the machine's apt finds the Debian archive: {@code etc/apt/sources.list} and
 * {@code etc/apt/sources.list.d/*.list} (one-line format) and {@code *.sources} (deb822),
 * in apt's order. Source entries ({@code deb-src}), disabled entries and other files
 * ({@code .save}, {@code .disabled}…) are left out.
 *
 * <p>cairn never takes a repository's address from its own code: the URIs are the machine's
 * (or the workspace's), and a mirror is untrusted by construction because the signed index
 * and the hashes decide. For the same reason {@code trusted=yes} is ignored: cairn verifies
 * every repository.
 *
 * <p>Paths inside entries ({@code Signed-By} keyrings) are kept as written, absolute on the
 * machine, also when the configuration is read below another root.
 */
public final class AptSources {
    private static final Set<String> FALSE = Set.of("no", "false", "without", "off", "disable", "0");

    private AptSources() {}

    /** The machine's own apt configuration. */
    public static List<AptSource> read() {
        return read(Path.of("/"));
    }

    /** @param root the directory standing for {@code /} (a test's tree, a chroot) */
    public static List<AptSource> read(Path root) {
        List<AptSource> sources = new ArrayList<>();
        Path main = root.resolve("etc/apt/sources.list");
        if (Files.isRegularFile(main)) {
            sources.addAll(parseList(readText(main), main.toString()));
        }
        for (Path file : listParts(root.resolve("etc/apt/sources.list.d"))) {
            String name = file.getFileName().toString();
            if (name.endsWith(".list")) {
                sources.addAll(parseList(readText(file), file.toString()));
            } else if (name.endsWith(".sources")) {
                sources.addAll(parseSources(readText(file), file.toString()));
            }
        }
        return List.copyOf(sources);
    }

    /** Parses the one-line format: {@code deb [ option=value … ] uri suite [component …]}. */
    public static List<AptSource> parseList(String text, String file) {
        List<AptSource> sources = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String origin = file + ":" + (i + 1);
            String line = lines[i];
            int hash = line.indexOf('#');
            line = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> tokens = new ArrayList<>(Arrays.asList(line.split("\\s+")));
            String type = tokens.remove(0);
            if (!type.equals("deb") && !type.equals("deb-src")) {
                throw new InputsException(origin + ": unknown entry type '" + type + "'",
                        "a sources.list line starts with deb or deb-src (see sources.list(5))");
            }
            List<String> options = new ArrayList<>();
            if (!tokens.isEmpty() && tokens.get(0).startsWith("[")) {
                options.addAll(bracketedOptions(tokens, origin));
            }
            if (type.equals("deb-src")) {
                continue;
            }
            if (tokens.size() < 2) {
                throw new InputsException(origin + ": '" + lines[i].strip() + "' names no URI and suite",
                        "write deb [options] URI suite component…");
            }
            RepositoryUri uri = RepositoryUri.parse(tokens.get(0), origin);
            String suite = tokens.get(1);
            List<String> components = tokens.subList(2, tokens.size());
            checkComponents(suite, components, origin);
            Optional<SignedBy> signedBy = Optional.empty();
            List<String> architectures = List.of();
            for (String option : options) {
                int equals = option.indexOf('=');
                if (equals <= 0) {
                    throw new InputsException(origin + ": option '" + option + "' is not name=value",
                            "write options as [arch=amd64 signed-by=/usr/share/keyrings/<name>.gpg]");
                }
                String name = option.substring(0, equals).toLowerCase(Locale.ROOT);
                String value = option.substring(equals + 1);
                switch (name) {
                    case "signed-by" -> signedBy = Optional.of(SignedBy.parse(value, origin));
                    case "arch" -> architectures = List.of(value.split(","));
                    default -> {
                        // Other options (lang, target, trusted, …) do not change what cairn fetches or trusts.
                    }
                }
            }
            sources.add(new AptSource(uri, List.of(suite), components, architectures, signedBy, origin));
        }
        return sources;
    }

    /** Parses the deb822 format of {@code *.sources} files; one entry per URI of each enabled paragraph. */
    public static List<AptSource> parseSources(String text, String file) {
        List<AptSource> sources = new ArrayList<>();
        for (Paragraph paragraph : Deb822.parse(text, file, true)) {
            String origin = file + ":" + paragraph.line();
            if (paragraph.get("Enabled").map(v -> FALSE.contains(v.strip().toLowerCase(Locale.ROOT))).orElse(false)) {
                continue;
            }
            List<String> types = words(paragraph.value("Types"));
            if (types.isEmpty()) {
                throw new InputsException(origin + ": the entry has no Types field", "add Types: deb");
            }
            for (String type : types) {
                if (!type.equals("deb") && !type.equals("deb-src")) {
                    throw new InputsException(origin + ": unknown type '" + type + "' in Types",
                            "Types holds deb and/or deb-src (see sources.list(5))");
                }
            }
            if (!types.contains("deb")) {
                continue;
            }
            List<String> uris = words(paragraph.value("URIs"));
            List<String> suites = words(paragraph.value("Suites"));
            if (uris.isEmpty() || suites.isEmpty()) {
                throw new InputsException(origin + ": the entry lacks " + (uris.isEmpty() ? "URIs" : "Suites"),
                        "a .sources entry needs Types, URIs, Suites and (unless the suite ends in /) Components");
            }
            List<String> components = words(paragraph.value("Components"));
            for (String suite : suites) {
                checkComponents(suite, components, origin);
            }
            Optional<SignedBy> signedBy = paragraph.get("Signed-By")
                    .filter(value -> !value.isBlank())
                    .map(value -> SignedBy.parse(value, origin));
            List<String> architectures = words(paragraph.value("Architectures"));
            for (String uri : uris) {
                sources.add(new AptSource(RepositoryUri.parse(uri, origin), suites, components, architectures,
                        signedBy, origin));
            }
        }
        return sources;
    }

    private static List<String> bracketedOptions(List<String> tokens, String origin) {
        // The bracket may be its own token ("[ arch=amd64 ]") or stick to the options ("[arch=amd64]").
        List<String> options = new ArrayList<>();
        while (!tokens.isEmpty()) {
            String token = tokens.remove(0);
            boolean last = token.endsWith("]");
            String option = token.substring(token.startsWith("[") ? 1 : 0, last ? token.length() - 1 : token.length());
            if (!option.isEmpty()) {
                options.add(option);
            }
            if (last) {
                return options;
            }
        }
        throw new InputsException(origin + ": the options' '[' is never closed", "close the options with ']'");
    }

    private static void checkComponents(String suite, List<String> components, String origin) {
        if (suite.endsWith("/") != components.isEmpty()) {
            throw new InputsException(origin + (components.isEmpty()
                            ? ": suite '" + suite + "' names no component"
                            : ": flat repository suite '" + suite + "' cannot have components"),
                    "list components (e.g. main) after the suite, or end a flat repository's path with /");
        }
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    private static List<Path> listParts(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            // apt reads the parts in alphanumeric order.
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InputsException("cannot list " + directory + ": " + e.getMessage(),
                    "check the directory's permissions", e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new InputsException("cannot read " + file + ": " + e.getMessage(),
                    "check the file's permissions", e);
        }
    }
}
