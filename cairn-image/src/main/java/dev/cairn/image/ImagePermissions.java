package dev.cairn.image;

import dev.cairn.oci.image.ImageRecipe;
import dev.cairn.oci.layer.LayerContents;
import dev.cairn.oci.layer.LayerEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Applies an image's {@code perms} to its planned layers: every entry any rule matches, in every layer. */
final class ImagePermissions {
    private ImagePermissions() {}

    static List<ImageRecipe.RecipeLayer> apply(List<PathPermission> perms, List<ImageRecipe.RecipeLayer> layers,
            String image) {
        if (perms.isEmpty()) {
            return layers;
        }
        Set<PathPermission> unmatched = new LinkedHashSet<>(perms);
        List<ImageRecipe.RecipeLayer> applied = new ArrayList<>();
        for (ImageRecipe.RecipeLayer layer : layers) {
            LayerContents contents = new LayerContents();
            for (LayerEntry entry : layer.contents().entries()) {
                LayerEntry changed = entry;
                for (PathPermission rule : perms) {
                    if (rule.matches(entry.path())) {
                        changed = rule.applyTo(changed);
                        unmatched.remove(rule);
                    }
                }
                contents.add(changed);
            }
            applied.add(new ImageRecipe.RecipeLayer(layer.createdBy(), contents));
        }
        if (!unmatched.isEmpty()) {
            PathPermission first = unmatched.iterator().next();
            throw new ImageException("image '" + image + "': perms path '" + first.pattern() + "' matches nothing in the image",
                    "check the path against the image's contents; * stands for part of one path segment, ** for any"
                            + " number of segments");
        }
        return applied;
    }
}
