package dev.cairn.inputs.debian.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code update-alternatives} would leave behind, found without running maintainer
 * scripts: {@code LINK -> /etc/alternatives/NAME -> PATH}, highest priority winning, ties by
 * path. Two sources, both declarative:
 * <ul>
 *   <li>Java's {@code /usr/lib/jvm/.*.jinfo} files (what update-java-alternatives reads): one
 *       alternative {@code /usr/bin/TOOL} per tool line whose path the rootfs has, at the
 *       file's {@code priority};
 *   <li>{@code update-alternatives --install LINK NAME PATH PRIORITY} lines of maintainer
 *       scripts whose four words are literal, with their {@code --slave}s. A variable the script
 *       assigns once, literally, on a line of its own ({@code basedir=/usr/share/maven}, as
 *       maven's postinst does) counts as literal; any other variable makes the line unknowable.
 * </ul>
 * Scripts that compute their arguments are not guessed at; the docs list what that leaves out.
 */
public final class Alternatives {
    private static final Pattern INSTALL = Pattern.compile(
            "update-alternatives\\s+(?:--quiet\\s+)?--install\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)((?:\\s+--slave\\s+\\S+\\s+\\S+\\s+\\S+)*)");
    private static final Pattern ASSIGNMENT =
            Pattern.compile("(?m)^[ \\t]*([A-Za-z_][A-Za-z0-9_]*)=([^\\s$`\"';|&<>()\\\\]+)[ \\t]*$");
    private static final Pattern SLAVE = Pattern.compile("--slave\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)");

    /** One link an alternative makes. */
    public record Link(String link, String name, String path, int priority) {}

    private Alternatives() {}

    /** The chosen link per alternative name, sorted by name. */
    public static SortedMap<String, Link> choose(PackageTrees rootfs, Map<String, String> maintainerScripts) {
        List<Link> candidates = new ArrayList<>();
        candidates.addAll(fromJinfo(rootfs));
        maintainerScripts.forEach((packageName, script) -> candidates.addAll(fromScript(script, rootfs)));
        SortedMap<String, Link> chosen = new TreeMap<>();
        candidates.stream()
                .sorted(Comparator.comparingInt(Link::priority).reversed().thenComparing(Link::path))
                .forEach(link -> chosen.putIfAbsent(link.name(), link));
        return chosen;
    }

    static List<Link> fromJinfo(PackageTrees rootfs) {
        List<Link> links = new ArrayList<>();
        for (String name : rootfs.list("usr/lib/jvm")) {
            if (!name.startsWith(".") || !name.endsWith(".jinfo")) {
                continue;
            }
            List<String> lines = read(rootfs, "usr/lib/jvm/" + name);
            int priority = lines.stream()
                    .filter(line -> line.startsWith("priority="))
                    .map(line -> Integer.parseInt(line.substring("priority=".length()).strip()))
                    .findFirst().orElse(0);
            for (String line : lines) {
                String[] words = line.strip().split("\\s+");
                if (words.length == 3 && words[2].startsWith("/") && rootfs.exists(words[2])) {
                    links.add(new Link("/usr/bin/" + words[1], words[1], words[2], priority));
                }
            }
        }
        return links;
    }

    static List<Link> fromScript(String script, PackageTrees rootfs) {
        List<Link> links = new ArrayList<>();
        Matcher install = INSTALL.matcher(expandLiteralAssignments(script.replace("\\\n", " ")));
        while (install.find()) {
            String link = install.group(1);
            String name = install.group(2);
            String path = install.group(3);
            String priority = install.group(4);
            if (literal(link, name, path, priority) && priority.matches("-?[0-9]+") && rootfs.exists(path)) {
                int value = Integer.parseInt(priority);
                links.add(new Link(link, name, path, value));
                Matcher slave = SLAVE.matcher(install.group(5));
                while (slave.find()) {
                    if (literal(slave.group(1), slave.group(2), slave.group(3)) && rootfs.exists(slave.group(3))) {
                        links.add(new Link(slave.group(1), slave.group(2), slave.group(3), value));
                    }
                }
            }
        }
        return links;
    }

    /**
     * The script with each variable that it assigns exactly one literal value (a line
     * {@code name=value}, the value free of quotes, expansions and operators) replaced by that value.
     */
    static String expandLiteralAssignments(String script) {
        Map<String, String> values = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        Matcher assignment = ASSIGNMENT.matcher(script);
        while (assignment.find()) {
            String previous = values.put(assignment.group(1), assignment.group(2));
            if (previous != null && !previous.equals(assignment.group(2))) {
                ambiguous.add(assignment.group(1));
            }
        }
        ambiguous.forEach(values::remove);
        String expanded = script;
        for (Map.Entry<String, String> variable : values.entrySet()) {
            String name = Pattern.quote(variable.getKey());
            expanded = expanded.replaceAll("\\$(\\{" + name + "\\}|" + name + "(?![A-Za-z0-9_]))",
                    Matcher.quoteReplacement(variable.getValue()));
        }
        return expanded;
    }

    private static boolean literal(String... words) {
        for (String word : words) {
            if (word.contains("$") || word.contains("`") || word.contains("\"") || word.contains("'")) {
                return false;
            }
        }
        return true;
    }

    private static List<String> read(PackageTrees rootfs, String path) {
        try {
            return Files.readAllLines(rootfs.find(path).orElseThrow(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
