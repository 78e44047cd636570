package dev.cairn.oci.layer;

import dev.cairn.oci.OciException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The entries of one layer, in the order they are written: sorted by path, every parent
 * directory present (added as 0755 root:root when not given), and each path once. The
 * order is by path components, so a directory's entries follow it directly.
 */
public final class LayerContents {
    private final SortedMap<String, LayerEntry> entries = new TreeMap<>(LayerContents::compareComponents);

    /** Adds an entry; a later entry for the same path replaces the earlier one. */
    public LayerContents add(LayerEntry entry) {
        LayerEntry previous = entries.get(entry.path());
        if (previous != null && previous.type() == LayerEntry.Type.DIRECTORY && entry.type() != LayerEntry.Type.DIRECTORY
                && hasChildren(entry.path())) {
            throw new OciException("'" + entry.path() + "' is a directory with entries and cannot become a "
                    + entry.type().name().toLowerCase(java.util.Locale.ROOT), "place it elsewhere, or remove the directory's entries");
        }
        entries.put(entry.path(), entry);
        for (String parent = entry.parent(); parent != null; parent = parentOf(parent)) {
            LayerEntry existing = entries.get(parent);
            if (existing == null) {
                entries.put(parent, LayerEntry.directory(parent, 0755, 0, 0));
            } else if (existing.type() != LayerEntry.Type.DIRECTORY) {
                throw new OciException("'" + entry.path() + "' needs '" + parent + "' to be a directory, but it is a "
                        + existing.type().name().toLowerCase(java.util.Locale.ROOT), "place the two at different paths");
            }
        }
        return this;
    }

    public LayerContents addAll(Collection<LayerEntry> more) {
        more.forEach(this::add);
        return this;
    }

    public List<LayerEntry> entries() {
        return List.copyOf(entries.values());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * A key for these exact entries: every path, type, mode, owner, size, link target and
     * content fingerprint. Empty when some file's content has no fingerprint.
     */
    public Optional<String> fingerprint() {
        java.security.MessageDigest sha256 = dev.cairn.oci.Digest.newSha256();
        for (LayerEntry entry : entries.values()) {
            String content = "";
            if (entry.content() != null) {
                Optional<String> fingerprint = entry.content().fingerprint();
                if (fingerprint.isEmpty()) {
                    return Optional.empty();
                }
                content = fingerprint.get();
            }
            String line = String.join("\u0000", entry.path(), entry.type().name(), Integer.toString(entry.mode()),
                    Integer.toString(entry.uid()), Integer.toString(entry.gid()), Long.toString(entry.size()),
                    String.valueOf(entry.linkTarget()), content) + "\n";
            sha256.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(java.util.HexFormat.of().formatHex(sha256.digest()));
    }

    private boolean hasChildren(String path) {
        String prefix = path + "/";
        return entries.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    /**
     * Compares component by component, so "a/b" sorts right after "a", before "a-b": the same
     * as comparing characters with '/' below every other, which needs no splitting.
     */
    static int compareComponents(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char left = a.charAt(i);
            char right = b.charAt(i);
            if (left != right) {
                if (left == '/') {
                    return -1;
                }
                if (right == '/') {
                    return 1;
                }
                return Character.compare(left, right);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
