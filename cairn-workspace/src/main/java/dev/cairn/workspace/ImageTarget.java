package dev.cairn.workspace;

import dev.cairn.image.ImageSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An image declared in an {@code oci-images.pkl} block: one entry of its {@code images}.
 *
 * @param image the image as declared, its workspace sources resolved to absolute paths that
 *     exist inside the workspace
 */
public record ImageTarget(TargetAddress address, Path blockFile, ImageSpec image) implements Target {
    private static final List<Action> ACTIONS = List.of(Action.BUILD, Action.PUBLISH, Action.LOAD);

    public ImageTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(blockFile, "blockFile");
        Objects.requireNonNull(image, "image");
    }

    @Override
    public List<Action> actions() {
        return ACTIONS;
    }
}
