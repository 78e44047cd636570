package dev.cairn.image;

import dev.cairn.oci.layer.LayerEntry;
import java.util.regex.Pattern;

/**
 * One {@code perms} rule of an image: the mode and owner that the entries at matching paths get,
 * whichever layer holds them, as Jib's {@code extraDirectories.permissions} and nix2container's
 * {@code perms} set them. Applied after the layers are planned, so a rule also reaches a store
 * object's or a Debian package's files (whose layer is then the image's own, no longer shared).
 *
 * @param pattern an absolute image path; {@code *} stands for any part of one path segment,
 *     {@code **} for any number of segments ({@code /app/bin/*}, {@code /srv/data/**})
 * @param mode permission bits for the files and directories matched (symlinks have none), or null
 * @param uid owner of the entries matched, or null to keep theirs
 * @param gid group of the entries matched, or null to keep theirs
 */
public record PathPermission(String pattern, Integer mode, Integer uid, Integer gid) {
    public PathPermission {
        if (pattern == null || !pattern.startsWith("/") || pattern.contains("//")) {
            throw new ImageException("perms path '" + pattern + "' is not an absolute image path",
                    "write it from the root, e.g. /app/bin/* or /srv/data/**");
        }
        if (mode != null && (mode < 0 || mode > 07777)) {
            throw new ImageException("perms mode " + Integer.toOctalString(mode) + " of " + pattern + " is out of range",
                    "write modes as octal, 0000 to 7777, e.g. \"0755\"");
        }
        if (uid != null && uid < 0 || gid != null && gid < 0) {
            throw new ImageException("perms of " + pattern + " name a negative owner", "use a uid and gid of 0 or more");
        }
        if (mode == null && uid == null && gid == null) {
            throw new ImageException("perms of " + pattern + " set neither a mode nor an owner",
                    "set mode, uid or gid, or remove the entry");
        }
    }

    /**
     * Parses an octal mode as a workspace writes it ({@code "0755"}, {@code "644"}, {@code "4755"}).
     *
     * @param where what the mode belongs to, for the message
     */
    public static int parseMode(String mode, String where) {
        if (mode == null || !mode.matches("[0-7]{3,4}")) {
            throw new ImageException("mode '" + mode + "' of " + where + " is not an octal mode",
                    "write three or four octal digits, e.g. \"0755\", \"644\" or \"4755\"");
        }
        return Integer.parseInt(mode, 8);
    }

    /** Whether the layer entry at {@code path} (relative to the image root, as layers name it) matches. */
    boolean matches(String path) {
        return regex().matcher("/" + path).matches();
    }

    /** The entry with this rule's mode and owner. */
    LayerEntry applyTo(LayerEntry entry) {
        boolean hasMode = entry.type() == LayerEntry.Type.FILE || entry.type() == LayerEntry.Type.DIRECTORY;
        return new LayerEntry(entry.path(), entry.type(), hasMode && mode != null ? mode : entry.mode(),
                uid != null ? uid : entry.uid(), gid != null ? gid : entry.gid(), entry.size(), entry.content(),
                entry.linkTarget());
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        String trimmed = pattern.length() > 1 ? pattern.replaceAll("/+$", "") : pattern;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '*' && i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
