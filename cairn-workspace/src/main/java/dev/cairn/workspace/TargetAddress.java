package dev.cairn.workspace;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * A target's address, {@code //cell/block/name}: the cell directory {@code cells/<cell>/},
 * the block file {@code <block>.pkl} in it, and the target's name within the block.
 * Each part has lowercase letters, digits and {@code -}, and starts with a letter or digit.
 */
public record TargetAddress(String cell, String block, String name) implements Comparable<TargetAddress> {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final String FORM_HINT =
            "write a target as //cell/block/name, e.g. //hello/oci-images/hello; `cairn list` shows every target";
    private static final Comparator<TargetAddress> ORDER = Comparator.comparing(TargetAddress::cell)
            .thenComparing(TargetAddress::block)
            .thenComparing(TargetAddress::name);

    public TargetAddress {
        checkName("cell", cell);
        checkName("block", block);
        checkName("target", name);
    }

    /** Parses {@code //cell/block/name}, failing with a message that says which part is wrong. */
    public static TargetAddress parse(String text) {
        if (!text.startsWith("//")) {
            throw new WorkspaceException("'" + text + "' is not a target address: it does not start with //", FORM_HINT);
        }
        String[] parts = text.substring(2).split("/", -1);
        if (parts.length != 3) {
            throw new WorkspaceException("'" + text + "' is not a target address: it has " + parts.length
                    + (parts.length == 1 ? " part" : " parts") + " where //cell/block/name has 3", FORM_HINT);
        }
        String[] kinds = {"cell", "block", "target"};
        for (int i = 0; i < 3; i++) {
            if (!isName(parts[i])) {
                throw new WorkspaceException("'" + text + "' is not a target address: " + kinds[i] + " name '"
                        + parts[i] + "' " + nameProblem(parts[i]), nameHint());
            }
        }
        return new TargetAddress(parts[0], parts[1], parts[2]);
    }

    /** Whether {@code text} is a valid cell, block or target name. */
    public static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }

    static void checkName(String kind, String text) {
        if (!isName(text)) {
            throw new WorkspaceException(kind + " name '" + text + "' " + nameProblem(text), nameHint());
        }
    }

    static String nameHint() {
        return "names have lowercase letters, digits and '-', and start with a letter or digit";
    }

    private static String nameProblem(String text) {
        if (text.isEmpty()) {
            return "is empty";
        }
        if (text.startsWith("-")) {
            return "starts with '-'";
        }
        String bad = text.codePoints()
                .filter(c -> !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'))
                .distinct()
                .mapToObj(Character::toString)
                .reduce("", String::concat);
        return "contains '" + bad + "'";
    }

    @Override
    public int compareTo(TargetAddress other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "//" + cell + "/" + block + "/" + name;
    }
}
