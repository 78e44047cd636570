package dev.cairn.cli;

import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.Target;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import dev.cairn.workspace.WorkspaceException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * How verbs reach the workspace: from {@code -C DIR} or the working directory, upward; its
 * evaluated modules kept under the cache, so an unchanged workspace starts no Pkl.
 */
final class WorkspaceTargets {
    private WorkspaceTargets() {}

    static Workspace open(CommandLine.Model.CommandSpec spec) {
        Cairn cairn = (Cairn) spec.root().userObject();
        Path start = cairn.directory != null ? cairn.directory : Path.of("").toAbsolutePath();
        return Workspace.locate(start, Map.of(), Optional.of(evaluationCache()));
    }

    /** Where evaluated workspace modules are kept between runs: deleting it is always safe. */
    static Path evaluationCache() {
        return ImagePipeline.cacheRoot().resolve("pkl");
    }

    /** The target at {@code address}, whatever its kind. */
    static Target target(Workspace workspace, String address) {
        return workspace.target(TargetAddress.parse(address));
    }

    /** The image target at {@code address}, or a clear error when it is something else. */
    static ImageTarget image(Workspace workspace, String address, String verb) {
        return image(target(workspace, address), verb);
    }

    /** {@code target} as an image, or a clear error when it is something else. */
    static ImageTarget image(Target target, String verb) {
        if (target instanceof ImageTarget image) {
            return image;
        }
        throw new WorkspaceException(target.address() + " cannot be used with `cairn " + verb + "`",
                "`cairn list` shows what each target can do");
    }
}
