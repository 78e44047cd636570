package dev.cairn.inputs.debian.index;

import dev.cairn.inputs.InputsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One possibility of a relation field: {@code name[:qualifier] [(op version)] [arch list]
 * [<profiles>...]}, e.g. {@code libc6 (>= 2.34)}, {@code python3:any}, {@code gcc:armhf},
 * {@code foo [amd64 arm64]}.
 *
 * @param qualifier the architecture qualifier after ':' — {@code any}, {@code native} or an
 *     architecture name — or empty when unqualified
 * @param architectures the architecture restriction list as written, each possibly prefixed by
 *     '!'; empty when there is none (see {@link #appliesTo})
 * @param profiles the build-profile formulas, each a list of terms possibly prefixed by '!'.
 *     They only matter when building from source; a binary resolver keeps and ignores them.
 */
public record Relation(
        String name,
        Optional<String> qualifier,
        Optional<VersionConstraint> version,
        List<String> architectures,
        List<List<String>> profiles) {

    // dpkg's rule for package names (pkg_name_is_illegal): an alphanumeric first character,
    // then alphanumerics and - + . _
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+.\\-_]*");
    private static final Pattern ARCHITECTURE = Pattern.compile("[a-z0-9][a-z0-9\\-]*");

    public Relation {
        requireName(name);
        qualifier.ifPresent(arch -> requireArchitecture(arch, name));
        architectures = List.copyOf(architectures);
        profiles = profiles.stream().map(List::copyOf).toList();
    }

    /** An unqualified, unrestricted relation on a name, optionally versioned. */
    public static Relation on(String name, Optional<VersionConstraint> version) {
        return new Relation(name, Optional.empty(), version, List.of(), List.of());
    }

    /**
     * Parses one possibility. Newlines (from continuation lines) count as spaces.
     *
     * @param field decides what is allowed: a Provides may only carry {@code =}
     */
    public static Relation parse(String text, RelationField field) {
        Reader reader = new Reader(text.replace('\n', ' ').strip(), field);
        return reader.relation();
    }

    /** Checks a package name by dpkg's rule and returns it. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InputsException("'" + name + "' is not a Debian package name",
                    "a package name is letters, digits and + - . _, starting with a letter or digit");
        }
        return name;
    }

    public boolean isVersioned() {
        return version.isPresent();
    }

    /** Whether {@code :any} qualifies the name. */
    public boolean isAnyArchitecture() {
        return qualifier.filter("any"::equals).isPresent();
    }

    /**
     * Whether the relation applies on a system of the given architecture: true without a
     * restriction list; with one, the architecture must match a listed one, or — when the
     * list is negated ({@code [!i386 !armel]}) — match none. Matching knows the wildcards
     * {@code any}, {@code linux-any} and {@code any-<cpu>}: cairn builds Linux images only.
     */
    public boolean appliesTo(String architecture) {
        if (architectures.isEmpty()) {
            return true;
        }
        boolean negated = architectures.get(0).startsWith("!");
        boolean listed = architectures.stream()
                .map(entry -> entry.startsWith("!") ? entry.substring(1) : entry)
                .anyMatch(entry -> matchesArchitecture(entry, architecture));
        return negated != listed;
    }

    private static boolean matchesArchitecture(String wildcard, String architecture) {
        return wildcard.equals(architecture) || wildcard.equals("any") || wildcard.equals("linux-any")
                || wildcard.equals("any-" + architecture) || wildcard.equals("linux-" + architecture);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name);
        qualifier.ifPresent(arch -> text.append(':').append(arch));
        version.ifPresent(constraint -> text.append(" (").append(constraint).append(')'));
        if (!architectures.isEmpty()) {
            text.append(" [").append(String.join(" ", architectures)).append(']');
        }
        for (List<String> formula : profiles) {
            text.append(" <").append(String.join(" ", formula)).append('>');
        }
        return text.toString();
    }

    private static void requireArchitecture(String arch, String name) {
        if (!ARCHITECTURE.matcher(arch).matches()) {
            throw new InputsException("'" + name + ":" + arch + "' has no valid architecture after ':'",
                    "the qualifier is any, native or an architecture such as amd64");
        }
    }

    /** A cursor over one possibility's text; each method reads one part of the syntax. */
    private static final class Reader {
        private final String text;
        private final RelationField field;
        private int at;

        Reader(String text, RelationField field) {
            this.text = text;
            this.field = field;
        }

        Relation relation() {
            if (text.isEmpty()) {
                throw bad("an empty entry (two commas or '|' in a row, or one at the end?)");
            }
            String name = until(" \t([<:");
            if (name.isEmpty()) {
                throw bad("no package name");
            }
            if (!NAME.matcher(name).matches()) {
                throw bad("'" + name + "' is not a package name");
            }
            Optional<String> qualifier = Optional.empty();
            if (peek(':')) {
                at++;
                String arch = until(" \t([<");
                if (!ARCHITECTURE.matcher(arch).matches()) {
                    throw bad("'" + arch + "' after ':' is not an architecture qualifier");
                }
                qualifier = Optional.of(arch);
            }
            skipSpaces();
            Optional<VersionConstraint> version = Optional.empty();
            if (peek('(')) {
                version = Optional.of(constraint());
                skipSpaces();
            }
            List<String> architectures = List.of();
            if (peek('[')) {
                architectures = architectureList();
                skipSpaces();
            }
            List<List<String>> profiles = new ArrayList<>();
            while (peek('<')) {
                profiles.add(words(enclosed('<', '>'), "build profile"));
                skipSpaces();
            }
            if (at < text.length()) {
                throw bad("unexpected '" + text.substring(at) + "'");
            }
            return new Relation(name, qualifier, version, architectures, profiles);
        }

        private VersionConstraint constraint() {
            String inside = enclosed('(', ')').strip();
            RelationOperator operator;
            int length;
            if (inside.startsWith("<<")) {
                operator = RelationOperator.EARLIER;
                length = 2;
            } else if (inside.startsWith("<=")) {
                operator = RelationOperator.EARLIER_OR_EQUAL;
                length = 2;
            } else if (inside.startsWith(">=")) {
                operator = RelationOperator.LATER_OR_EQUAL;
                length = 2;
            } else if (inside.startsWith(">>")) {
                operator = RelationOperator.LATER;
                length = 2;
            } else if (inside.startsWith("=")) {
                operator = RelationOperator.EQUAL;
                length = 1;
            } else if (inside.startsWith("<")) {
                operator = RelationOperator.EARLIER_OR_EQUAL; // obsolete spelling of <=
                length = 1;
            } else if (inside.startsWith(">")) {
                operator = RelationOperator.LATER_OR_EQUAL; // obsolete spelling of >=
                length = 1;
            } else {
                throw bad("'(" + inside + ")' has no operator: one of << <= = >= >> is needed");
            }
            String version = inside.substring(length).strip();
            if (version.isEmpty()) {
                throw bad("'(" + inside + ")' has no version after the operator");
            }
            if (field == RelationField.PROVIDES && operator != RelationOperator.EQUAL) {
                throw bad("a Provides may only carry an exact version (=), not " + operator);
            }
            try {
                return new VersionConstraint(operator, DebianVersion.parse(version));
            } catch (InputsException e) {
                throw bad(e.getMessage());
            }
        }

        private List<String> architectureList() {
            List<String> entries = words(enclosed('[', ']'), "architecture list");
            long negated = entries.stream().filter(entry -> entry.startsWith("!")).count();
            if (negated != 0 && negated != entries.size()) {
                throw bad("'[" + String.join(" ", entries) + "]' mixes negated and plain architectures");
            }
            for (String entry : entries) {
                String arch = entry.startsWith("!") ? entry.substring(1) : entry;
                if (!ARCHITECTURE.matcher(arch).matches()) {
                    throw bad("'" + entry + "' is not an architecture");
                }
            }
            return entries;
        }

        private List<String> words(String inside, String what) {
            List<String> words = List.of(inside.strip().split("\\s+"));
            if (inside.isBlank()) {
                throw bad("an empty " + what);
            }
            return words;
        }

        private String enclosed(char open, char close) {
            int end = text.indexOf(close, at + 1);
            if (end < 0) {
                throw bad("'" + open + "' is not closed by '" + close + "'");
            }
            String inside = text.substring(at + 1, end);
            at = end + 1;
            return inside;
        }

        private String until(String stops) {
            int start = at;
            while (at < text.length() && stops.indexOf(text.charAt(at)) < 0) {
                at++;
            }
            return text.substring(start, at);
        }

        private void skipSpaces() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private InputsException bad(String why) {
            return new InputsException(field + ": '" + text + "': " + why,
                    "a relation is name[:arch] [(op version)] [arch list] [<profiles>], e.g. libc6 (>= 2.36)");
        }
    }
}
