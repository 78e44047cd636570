package dev.cairn.inputs.debian.index;

import dev.cairn.inputs.InputsException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, ordered exactly as dpkg orders
 * versions (deb-version(7), dpkg's {@code verrevcmp}).
 *
 * <p>Equality follows the ordering, not the spelling: {@code 1.0}, {@code 0:1.0},
 * {@code 1.0-0} and {@code 1.00} are the same version to dpkg, so they are equal here too, and
 * a relation {@code (= 1.0)} is satisfied by any of them. {@link #toString()} spells a version
 * as dpkg prints it: without a zero epoch.
 *
 * @param epoch the number before ':' (0 when absent)
 * @param upstream the part between the epoch and the last '-'
 * @param revision the part after the last '-' (empty when absent)
 */
public record DebianVersion(int epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    public DebianVersion {
        if (epoch < 0) {
            throw invalid(epoch + ":" + upstream, "the epoch is negative");
        }
        String spelled = (epoch == 0 ? "" : epoch + ":") + upstream
                + (revision == null || revision.isEmpty() ? "" : "-" + revision);
        check(upstream, revision, spelled);
        if (revision.isEmpty() && upstream.contains("-")) {
            throw invalid(spelled, "a '-' in the upstream version needs a revision after it");
        }
    }

    /** Parses a version as found in a Packages file, a relation or a user's {@code name=version}. */
    public static DebianVersion parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(String.valueOf(text), "the version is empty");
        }
        String version = text.strip();
        for (int i = 0; i < version.length(); i++) {
            if (Character.isWhitespace(version.charAt(i))) {
                throw invalid(version, "the version has a space in it");
            }
        }
        int epoch = 0;
        String rest = version;
        int colon = version.indexOf(':');
        if (colon >= 0) {
            String digits = version.substring(0, colon);
            if (digits.isEmpty() || !digits.chars().allMatch(DebianVersion::isDigit)) {
                throw invalid(version, "the epoch before ':' must be a number");
            }
            try {
                epoch = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw invalid(version, "the epoch is too large");
            }
            rest = version.substring(colon + 1);
            if (rest.isEmpty()) {
                throw invalid(version, "nothing follows the epoch");
            }
        }
        int hyphen = rest.lastIndexOf('-');
        String upstream = hyphen >= 0 ? rest.substring(0, hyphen) : rest;
        String revision = hyphen >= 0 ? rest.substring(hyphen + 1) : "";
        if (hyphen >= 0 && revision.isEmpty()) {
            throw invalid(version, "the revision after the last '-' is empty");
        }
        return new DebianVersion(epoch, upstream, revision);
    }

    @Override
    public String toString() {
        // a ':' in the upstream version is only read as such after an epoch, so keep 0: then
        boolean showEpoch = epoch != 0 || upstream.contains(":");
        return (showEpoch ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }

    @Override
    public int compareTo(DebianVersion other) {
        if (epoch != other.epoch) {
            return Integer.compare(epoch, other.epoch);
        }
        int upstreamOrder = compareParts(upstream, other.upstream);
        return upstreamOrder != 0 ? upstreamOrder : compareParts(revision, other.revision);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DebianVersion version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * epoch + canonical(upstream).hashCode()) + canonical(revision).hashCode();
    }

    /**
     * dpkg's {@code verrevcmp}: the strings are taken as alternating runs of non-digits and
     * digits. Non-digit runs compare character by character with '~' before everything (even
     * the end of the run), then the end, then letters, then other characters; digit runs
     * compare as numbers. A missing run counts as empty, or as 0.
     */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int left = i < a.length() ? weight(a.charAt(i)) : 0;
                int right = j < b.length() ? weight(b.charAt(j)) : 0;
                if (left != right) {
                    return Integer.signum(left - right);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int firstDifference = 0;
            while (i < a.length() && isDigit(a.charAt(i)) && j < b.length() && isDigit(b.charAt(j))) {
                if (firstDifference == 0) {
                    firstDifference = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            // the longer run of significant digits is the larger number
            if (i < a.length() && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDifference != 0) {
                return Integer.signum(firstDifference);
            }
        }
        return 0;
    }

    private static int weight(char c) {
        if (isDigit(c)) {
            return 0;
        }
        if (isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    /**
     * A spelling that is the same for every string {@link #compareParts} finds equal: digit
     * runs without leading zeros, and trailing (empty, 0) run pairs dropped — they compare equal
     * to nothing.
     */
    private static String canonical(String part) {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < part.length()) {
            int start = i;
            while (i < part.length() && !isDigit(part.charAt(i))) {
                i++;
            }
            runs.add(part.substring(start, i));
            start = i;
            while (i < part.length() && isDigit(part.charAt(i))) {
                i++;
            }
            String digits = part.substring(start, i).replaceFirst("^0+", "");
            runs.add(digits);
        }
        while (runs.size() >= 2 && runs.get(runs.size() - 1).isEmpty() && runs.get(runs.size() - 2).isEmpty()) {
            runs.remove(runs.size() - 1);
            runs.remove(runs.size() - 1);
        }
        return String.join("\u0000", runs);
    }

    private static void check(String upstream, String revision, String version) {
        if (upstream == null || upstream.isEmpty()) {
            throw invalid(version, "the upstream version is empty");
        }
        if (revision == null) {
            throw invalid(version, "the revision is missing");
        }
        // dpkg only warns about an upstream version that does not start with a digit, and
        // such versions exist in the archive, so they are accepted.
        for (int i = 0; i < upstream.length(); i++) {
            char c = upstream.charAt(i);
            if (!isDigit(c) && !isLetter(c) && ".+~-:".indexOf(c) < 0) {
                throw invalid(version, "'" + c + "' is not allowed in the upstream version"
                        + " (letters, digits and . + ~ - : are)");
            }
        }
        for (int i = 0; i < revision.length(); i++) {
            char c = revision.charAt(i);
            if (!isDigit(c) && !isLetter(c) && ".+~".indexOf(c) < 0) {
                throw invalid(version, "'" + c + "' is not allowed in the revision (letters, digits and . + ~ are)");
            }
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static InputsException invalid(String version, String why) {
        return new InputsException("'" + version + "' is not a Debian version: " + why,
                "a Debian version is [epoch:]upstream[-revision], e.g. 1:2.36-9+deb12u4 (see deb-version(7))");
    }
}
