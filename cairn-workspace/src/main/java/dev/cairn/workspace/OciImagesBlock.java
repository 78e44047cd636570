package dev.cairn.workspace;

import static dev.cairn.workspace.PklValues.list;
import static dev.cairn.workspace.PklValues.map;
import static dev.cairn.workspace.PklValues.string;
import static dev.cairn.workspace.PklValues.stringMap;
import static dev.cairn.workspace.PklValues.strings;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import dev.cairn.image.ImageException;
import dev.cairn.image.ImageSpec;
import dev.cairn.image.PathPermission;
import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.resolve.Request;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pkl.core.Composite;

/**
 * Turns an evaluated {@code oci-images.pkl} into image targets. Pkl has already checked the
 * types and constraints of {@code cairn:OciImages}; what is left is what Pkl cannot see: that
 * workspace sources exist and stay inside the workspace, the store path's own rules, and
 * that a requested Debian version is a version.
 */
final class OciImagesBlock {
    private final Path root;
    private final Block block;
    private final String blockName;

    /**
     * @param root the workspace root, a real path
     * @param blockName the block file as messages name it, relative to the root
     */
    OciImagesBlock(Path root, Block block, String blockName) {
        this.root = root;
        this.block = block;
        this.blockName = blockName;
    }

    List<Target> targets(Composite module) {
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<String, Object> image : map(module, "images").entrySet()) {
            TargetAddress address = block.target(image.getKey());
            targets.add(new ImageTarget(address, block.file(), spec(address, (Composite) image.getValue())));
        }
        return targets;
    }

    private ImageSpec spec(TargetAddress address, Composite image) {
        List<Content> contents = new ArrayList<>();
        for (Object content : list(image, "contents")) {
            Composite entry = (Composite) content;
            contents.add(PklValues.isDebianPackages(entry) ? packages(address, entry) : content(address, entry));
        }
        return new ImageSpec(
                address.name(),
                contents,
                strings(image, "entrypoint"),
                strings(image, "cmd"),
                stringMap(image, "env"),
                string(image, "user"),
                string(image, "workdir"),
                strings(image, "ports").stream().map(OciImagesBlock::normalisePort).toList(),
                stringMap(image, "labels"),
                string(image, "architecture"),
                string(image, "stopSignal"),
                ((Number) PklValues.value(image, "maxLayers")).intValue(),
                string(image, "operable"),
                (Boolean) PklValues.value(image, "debug"),
                List.of(),
                perms(address, image));
    }

    private List<PathPermission> perms(TargetAddress address, Composite image) {
        List<PathPermission> perms = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map(image, "perms").entrySet()) {
            Composite perm = (Composite) entry.getValue();
            String mode = string(perm, "mode");
            try {
                perms.add(new PathPermission(entry.getKey(),
                        mode == null ? null : PathPermission.parseMode(mode, "perms path " + entry.getKey()),
                        id(perm, "uid"), id(perm, "gid")));
            } catch (ImageException e) {
                throw new WorkspaceException(address + " (" + blockName + "): " + e.getMessage(), e.hint(), e);
            }
        }
        return perms;
    }

    private static Integer id(Composite perm, String property) {
        Object value = PklValues.value(perm, property);
        return value == null ? null : Math.toIntExact((Long) value);
    }

    private Content content(TargetAddress address, Composite content) {
        String source = string(content, "source");
        String mode = string(content, "mode");
        try {
            return new Content(
                    source(address, source),
                    string(content, "path"),
                    mode == null ? null : Integer.parseInt(mode, 8),
                    Math.toIntExact((Long) content.get("uid")),
                    Math.toIntExact((Long) content.get("gid")));
        } catch (ImageException e) {
            throw new WorkspaceException(address + " (" + blockName + "): " + e.getMessage(), e.hint(), e);
        }
    }

    /**
     * A {@code debian.Packages} entry: a declaration the build realises through the lock. It is
     * laid at {@code /} because each package's files carry their own absolute paths.
     */
    private Content packages(TargetAddress address, Composite packages) {
        List<String> names = strings(packages, "names");
        for (String name : names) {
            try {
                Request.parse(name);
            } catch (InputsException e) {
                throw new WorkspaceException(address + " (" + blockName + "): Debian " + e.getMessage(), e.hint(), e);
            }
        }
        return new Content(new ContentSource.DebianPackages(names), "/", null, 0, 0);
    }

    private ContentSource source(TargetAddress address, String declared) {
        if (declared.startsWith("/")) {
            try {
                return new ContentSource.StoreObject(StorePath.parse(declared));
            } catch (StoreException e) {
                throw new WorkspaceException(address + " (" + blockName + "): content source " + e.getMessage(),
                        e.hint(), e);
            }
        }
        Path path = BlockPaths.resolve(root, block, declared, address + " (" + blockName + "): ", "content source",
                "content", "add it to the store (`cairn store add`) and use its /cairn/store path");
        return new ContentSource.WorkspaceFile(path, declared);
    }

    /** {@code 8080} → {@code 8080/tcp}; the number without leading zeros. */
    static String normalisePort(String port) {
        int slash = port.indexOf('/');
        String number = slash < 0 ? port : port.substring(0, slash);
        String protocol = slash < 0 ? "tcp" : port.substring(slash + 1);
        return Integer.parseInt(number) + "/" + protocol;
    }
}
