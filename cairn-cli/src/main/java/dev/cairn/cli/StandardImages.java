package dev.cairn.cli;

import dev.cairn.image.Content;
import dev.cairn.image.ImageException;
import dev.cairn.image.ImageSpec;
import dev.cairn.image.StandardImage;
import dev.cairn.inputs.debian.pin.RealizedPackages;
import dev.cairn.operable.BuiltOperable;
import dev.cairn.operable.DebugShell;
import dev.cairn.packaging.build.PackageBuilds;
import dev.cairn.store.Store;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.OperableTarget;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The build side of a standard image: builds its operable (and so its packages), realises the
 * operable's Debian packages from the lock — the debug request too for the debug variant, and its
 * debug shell (the packages among its debug inputs built for it) — and reads the provenance from
 * git, then lets {@link StandardImage} compose the image.
 */
final class StandardImages {
    private StandardImages() {}

    static ImageSpec realise(Workspace workspace, ImageTarget target, Store store, Consumer<String> log) {
        ImageSpec declared = DebianContents.realise(workspace, target, store, log);
        if (!declared.architecture().equals(DebianRequests.PACKAGE_ARCHITECTURE)) {
            throw new ImageException(target.address() + " runs an operable on " + declared.architecture()
                    + ", but operables and packages are built for " + DebianRequests.PACKAGE_ARCHITECTURE + " only",
                    "leave out architecture, or set it to \"" + DebianRequests.PACKAGE_ARCHITECTURE + "\"");
        }
        OperableTarget operable = workspace.operableTarget(TargetAddress.parse(declared.operable()));
        BuiltOperable built = OperablePipeline.build(workspace, operable, log);
        PackageBuilds.Inputs inputs = PackagePipeline.inputs(workspace, store, log);
        RealizedPackages realized = inputs.debian(built.manifest().debianRequest());
        // The debug variant keeps the standard image's layers and lays its own over them: it
        // realises both requests, not only the debug one.
        RealizedPackages debug = declared.debug() && !built.manifest().debugDebianRequest().isEmpty()
                ? inputs.debian(built.manifest().debugDebianRequest())
                : null;
        Optional<DebugShell> debugShell = declared.debug() ? OperablePipeline.debugShell(workspace, operable, log)
                : Optional.empty();
        boolean caCertificates = realized.packages().stream().anyMatch(p -> p.locked().name().equals("ca-certificates"));
        return StandardImage.compose(declared, built, DebianContents.trees(realized, store, "/", 0, 0),
                debug == null ? List.of() : DebianContents.trees(debug, store, "/", 0, 0), debugShell, caCertificates,
                GitProvenance.labels(workspace.root()));
    }
}
