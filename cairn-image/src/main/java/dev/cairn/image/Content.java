package dev.cairn.image;

import java.util.Objects;

/**
 * One entry of an image's contents: a source placed at an absolute path in the image.
 * A directory source places its contents under {@code imagePath} (like {@code COPY dir/ path});
 * a file source becomes the file at {@code imagePath}.
 *
 * @param mode octal permission bits for the regular files placed (e.g. {@code 0755}), or
 *     null to keep the source's executable bit (0755 or 0644); directories are 0755
 * @param uid owner of everything placed
 * @param gid group of everything placed
 */
public record Content(ContentSource source, String imagePath, Integer mode, int uid, int gid) {
    public Content {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(imagePath, "imagePath");
        if (!imagePath.startsWith("/")) {
            throw new ImageException("image path '" + imagePath + "' is not absolute",
                    "write image paths from the root, e.g. /app/bin/server");
        }
        if (mode != null && (mode < 0 || mode > 07777)) {
            throw new ImageException("mode " + Integer.toOctalString(mode) + " of " + imagePath + " is out of range",
                    "write modes as octal, 0000 to 7777");
        }
    }
}
