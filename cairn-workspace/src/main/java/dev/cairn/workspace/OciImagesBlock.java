package dev.cairn.workspace;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import dev.cairn.image.ImageException;
import dev.cairn.image.ImageSpec;
import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.resolve.Request;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pkl.core.Composite;
import org.pkl.core.PClassInfo;
import org.pkl.core.PNull;

/**
 * Turns an evaluated {@code oci-images.pkl} into image targets. Pkl has already checked the
 * types and constraints of {@code cairn:OciImages}; what is left is what Pkl cannot see: that
 * workspace sources exist and stay inside the workspace, the store path's own rules, and
 * that a requested Debian version is a version.
 */
final class OciImagesBlock {
    private static final URI DEBIAN_MODULE = URI.create("cairn:debian");

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
            contents.add(isDebianPackages(entry) ? packages(address, entry) : content(address, entry));
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
                string(image, "stopSignal"));
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

    private static boolean isDebianPackages(Composite content) {
        PClassInfo<?> type = content.getClassInfo();
        return type.getModuleUri().equals(DEBIAN_MODULE) && type.getSimpleName().equals("Packages");
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
        Path directory = block.file().getParent();
        Path path = directory.resolve(declared).normalize();
        String relativeHint = "check the path; it is relative to the block file's directory, "
                + root.relativize(directory) + "/";
        if (!path.startsWith(root)) {
            throw new WorkspaceException(address + " (" + blockName + "): content source '" + declared
                    + "' is " + path + ", outside the workspace " + root,
                    "content comes from inside the workspace: move the file into it, or add it to the store"
                            + " (`cairn store add`) and use its /cairn/store path");
        }
        if (!Files.exists(path)) {
            throw new WorkspaceException(address + " (" + blockName + "): content source '" + declared
                    + "' does not exist: no file or directory " + path, relativeHint);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException(address + " (" + blockName + "): cannot read content source '" + declared
                    + "' (" + path + "): " + e.getMessage(), relativeHint, e);
        }
        if (!real.startsWith(root)) {
            throw new WorkspaceException(address + " (" + blockName + "): content source '" + declared
                    + "' leads through a symbolic link to " + real + ", outside the workspace " + root,
                    "content comes from inside the workspace: replace the link by the file, or add it to the store"
                            + " (`cairn store add`) and use its /cairn/store path");
        }
        return new ContentSource.WorkspaceFile(path, declared);
    }

    /** {@code 8080} → {@code 8080/tcp}; the number without leading zeros. */
    static String normalisePort(String port) {
        int slash = port.indexOf('/');
        String number = slash < 0 ? port : port.substring(0, slash);
        String protocol = slash < 0 ? "tcp" : port.substring(slash + 1);
        return Integer.parseInt(number) + "/" + protocol;
    }

    private static Object value(Composite object, String property) {
        Object value = object.get(property);
        return value instanceof PNull ? null : value;
    }

    private static String string(Composite object, String property) {
        return (String) value(object, property);
    }

    private static List<?> list(Composite object, String property) {
        return (List<?>) value(object, property);
    }

    private static List<String> strings(Composite object, String property) {
        return list(object, property).stream().map(String.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Composite object, String property) {
        return (Map<String, Object>) value(object, property);
    }

    private static Map<String, String> stringMap(Composite object, String property) {
        Map<String, String> result = new LinkedHashMap<>();
        map(object, property).forEach((key, value) -> result.put(key, (String) value));
        return result;
    }
}
