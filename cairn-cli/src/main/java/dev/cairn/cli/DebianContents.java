package dev.cairn.cli;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import dev.cairn.image.ImageSpec;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.debian.pin.PackageRealizer;
import dev.cairn.inputs.debian.pin.RealizedPackage;
import dev.cairn.inputs.debian.pin.RealizedPackages;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.store.Store;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.Workspace;
import dev.cairn.workspace.WorkspaceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replaces an image's Debian package declarations by what realises them, from
 * {@code cairn.lock} only: each locked package's files as a tree at {@code /} (a layer of its
 * own, so images with the same package share it, unless the image has more than its layer
 * budget), the rootfs configuration over them, and {@code /tmp} with mode 1777. A build never resolves: a request the lock does not answer
 * fails and asks for {@code cairn lock}.
 */
final class DebianContents {
    private static final int STICKY_WORLD_WRITABLE = 01777;

    private DebianContents() {}

    static ImageSpec realise(Workspace workspace, ImageTarget target, Store store, Consumer<String> progress) {
        ImageSpec spec = target.image();
        if (spec.contents().stream().noneMatch(c -> c.source() instanceof ContentSource.DebianPackages)) {
            return spec;
        }
        Lock lock = workspace.lock();
        PackageRealizer realizer = new PackageRealizer(store, ImagePipeline.cacheRoot().resolve("debian"),
                () -> workspace.archiveSettings().resolveRepositories(), Transport.standard());
        List<Content> contents = new ArrayList<>();
        for (Content content : spec.contents()) {
            if (!(content.source() instanceof ContentSource.DebianPackages packages)) {
                contents.add(content);
                continue;
            }
            List<LockedPackage> closure = lock.resolved(spec.architecture(), packages.request()).orElseThrow(() ->
                    new WorkspaceException(target.address() + " asks for Debian packages " + String.join(" ", packages.request())
                            + " (" + spec.architecture() + "), which " + LockFile.FILE_NAME + " does not pin",
                            "run `cairn lock` to resolve them, then review and commit " + LockFile.FILE_NAME));
            RealizedPackages realized = realizer.realize(closure, progress);
            contents.addAll(trees(realized, store, content.imagePath(), content.uid(), content.gid()));
            contents.add(new Content(new ContentSource.EmptyDirectory(), "/tmp", STICKY_WORLD_WRITABLE, 0, 0));
        }
        return spec.withContents(contents);
    }

    /**
     * Realised packages as image contents at {@code imagePath}: each package's files a package
     * tree (a layer shared by every image with the package, ranked by how many others depend on
     * it), then the rootfs configuration over them.
     */
    static List<Content> trees(RealizedPackages realized, Store store, String imagePath, int uid, int gid) {
        List<Content> contents = new ArrayList<>();
        Map<RealizedPackage, Integer> dependents = realized.dependents(store);
        for (RealizedPackage p : realized.packages()) {
            contents.add(new Content(new ContentSource.PackageTree(p.files(), p.locked().name(),
                    "debian " + p.locked().name() + " " + p.locked().version(), dependents.get(p)), imagePath, null, uid, gid));
        }
        contents.add(new Content(new ContentSource.StoreTree(realized.rootfsConfig(), "debian rootfs configuration"),
                imagePath, null, uid, gid));
        return contents;
    }
}
