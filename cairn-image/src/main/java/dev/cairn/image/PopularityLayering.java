package dev.cairn.image;

import dev.cairn.oci.image.ImageRecipe;
import dev.cairn.oci.layer.LayerContents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fits an image into its layer budget the way nix2container and Nix's layered images do: each
 * shareable part (a store object, a Debian package) is a candidate for a layer of its own; when
 * there are more than the budget allows, the most popular — those most depended on within the
 * image, which other images are likeliest to have too — keep their own layers and the rest share
 * one. Ties go to the key's order, so the same image is always layered the same way. The layers
 * that must keep their place (the rootfs configuration, the workspace's own contents, in
 * declaration order so that later entries override earlier ones) come last, each its own.
 */
final class PopularityLayering {
    /** A shareable part: its layer, a stable key (its store path), and how many parts of the image depend on it. */
    record Candidate(ImageRecipe.RecipeLayer layer, String key, int popularity) {}

    private PopularityLayering() {}

    static List<ImageRecipe.RecipeLayer> fit(List<Candidate> candidates, List<ImageRecipe.RecipeLayer> fixed,
            int maxLayers, String image) {
        List<Candidate> shareable = candidates.stream().filter(c -> !c.layer().contents().isEmpty()).toList();
        List<ImageRecipe.RecipeLayer> placed = fixed.stream().filter(l -> !l.contents().isEmpty()).toList();
        List<ImageRecipe.RecipeLayer> layers = new ArrayList<>();
        if (shareable.size() + placed.size() <= maxLayers) {
            shareable.forEach(c -> layers.add(c.layer()));
            layers.addAll(placed);
            return layers;
        }
        int own = maxLayers - placed.size() - 1;
        if (own < 0) {
            throw new ImageException("image '" + image + "' has " + placed.size() + " layers of its own contents, more than"
                    + " maxLayers (" + maxLayers + ") leaves room for beside the store objects and packages",
                    "raise maxLayers (containerd accepts up to 127), or merge the image's contents entries");
        }
        Set<String> popular = new HashSet<>();
        shareable.stream()
                .sorted(Comparator.comparingInt(Candidate::popularity).reversed().thenComparing(Candidate::key))
                .limit(own)
                .forEach(c -> popular.add(c.key()));
        LayerContents rest = new LayerContents();
        int merged = 0;
        for (Candidate candidate : shareable) {
            if (popular.contains(candidate.key())) {
                layers.add(candidate.layer());
            } else {
                rest.addAll(candidate.layer().contents().entries());
                merged++;
            }
        }
        layers.add(new ImageRecipe.RecipeLayer("cairn: " + merged + " less depended-on parts, merged", rest));
        layers.addAll(placed);
        return layers;
    }
}
