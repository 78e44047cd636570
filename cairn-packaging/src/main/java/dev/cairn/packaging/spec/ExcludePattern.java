package dev.cairn.packaging.spec;

import dev.cairn.packaging.PackagingException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * One pattern of a package's {@code exclude}, with .gitignore's meaning: anchored to the source
 * root when it has a {@code /} before its end, else matching a name at any depth; a trailing
 * {@code /} matches directories only. The glob itself is {@link PathMatcher}'s, whose {@code *},
 * {@code ?} and {@code [...]} stop at {@code /} as git's do; git's {@code **} (any number of
 * whole directories, none included) is rewritten into it.
 *
 * @param text the pattern as written
 */
record ExcludePattern(String text, boolean anchored, boolean directoriesOnly, PathMatcher matcher) {
    private static final String HINT = "write a .gitignore-style pattern relative to the source root, e.g. \"target/\","
            + " \"*.log\" or \"docs/**\"";

    static ExcludePattern parse(String text) {
        if (text.isEmpty() || !text.strip().equals(text)) {
            throw refused(text, "is empty or starts or ends with a space", HINT);
        }
        if (text.startsWith("!")) {
            throw refused(text, "negates: re-including what another pattern excludes is not supported",
                    "narrow the pattern that excludes it instead");
        }
        if (text.contains("\\") || text.contains("{") || text.contains("}")) {
            throw refused(text, "has a \\, { or }: patterns have no escapes and no {a,b} alternatives",
                    "write one pattern per alternative");
        }
        boolean directoriesOnly = text.endsWith("/");
        String body = directoriesOnly ? text.substring(0, text.length() - 1) : text;
        boolean anchored = body.contains("/");
        if (body.startsWith("/")) {
            body = body.substring(1);
        }
        List<String> segments = List.of(body.split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw refused(text, "has an empty, . or .. step", HINT);
            }
        }
        try {
            return new ExcludePattern(text, anchored, directoriesOnly,
                    FileSystems.getDefault().getPathMatcher("glob:" + glob(segments)));
        } catch (PatternSyntaxException e) {
            throw refused(text, "is not a valid pattern: " + e.getDescription(), HINT);
        }
    }

    // git's ** as a whole step is any number of directories, none included: the matcher's
    // group of "**/" or nothing. A /** at the end is everything inside, as the matcher's own
    // ** is; a ** within a name is git's plain *.
    private static String glob(List<String> segments) {
        StringBuilder glob = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.equals("**")) {
                glob.append(last ? "**" : "{**/,}");
            } else {
                glob.append(segment.replaceAll("\\*+", "*")).append(last ? "" : "/");
            }
        }
        return glob.toString();
    }

    /**
     * @param path the entry's path below the source root, names joined by {@code /}
     * @param directory whether the entry is a directory (a symbolic link is not)
     */
    boolean matches(String path, boolean directory) {
        if (directoriesOnly && !directory) {
            return false;
        }
        String subject = anchored ? path : path.substring(path.lastIndexOf('/') + 1);
        return matcher.matches(Path.of(subject));
    }

    private static PackagingException refused(String text, String why, String hint) {
        return new PackagingException("exclude pattern '" + text + "' " + why, hint);
    }
}
