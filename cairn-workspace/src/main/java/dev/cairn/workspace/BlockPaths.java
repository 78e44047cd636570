package dev.cairn.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths a block writes relative to its own directory ({@code cells/<cell>/}), resolved on the
 * host and checked to exist and to stay inside the workspace, symbolic links included.
 */
final class BlockPaths {
    private BlockPaths() {}

    /**
     * @param root the workspace root, a real path
     * @param block the block that wrote the path (the directory it is relative to)
     * @param declared the path as written
     * @param where what the messages start with, the target and its block:
     *     {@code //c/oci-images/x (cells/c/oci-images.pkl): }
     * @param noun what the path is, e.g. {@code content source}
     * @param what what comes from the workspace, for hints, e.g. {@code content}
     * @param elsewhere what to do instead of pointing outside, e.g. add it to the store and use its path
     * @return the absolute, normalised path (not resolved through links)
     */
    static Path resolve(Path root, Block block, String declared, String where, String noun, String what,
            String elsewhere) {
        String subject = where + noun;
        Path directory = block.file().getParent();
        Path path = directory.resolve(declared).normalize();
        String relativeHint = "check the path; it is relative to the block file's directory, "
                + root.relativize(directory) + "/";
        if (!path.startsWith(root)) {
            throw new WorkspaceException(subject + " '" + declared + "' is " + path + ", outside the workspace " + root,
                    what + " comes from inside the workspace: move the file into it, or " + elsewhere);
        }
        if (!Files.exists(path)) {
            throw new WorkspaceException(subject + " '" + declared + "' does not exist: no file or directory " + path,
                    relativeHint);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException(where + "cannot read " + noun + " '" + declared + "' (" + path + "): "
                    + e.getMessage(), relativeHint, e);
        }
        if (!real.startsWith(root)) {
            throw new WorkspaceException(subject + " '" + declared + "' leads through a symbolic link to " + real
                    + ", outside the workspace " + root,
                    what + " comes from inside the workspace: replace the link by the file, or " + elsewhere);
        }
        return path;
    }
}
