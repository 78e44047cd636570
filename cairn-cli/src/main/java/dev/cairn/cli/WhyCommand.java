package dev.cairn.cli;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import dev.cairn.image.ImageException;
import dev.cairn.image.ImagePaths;
import dev.cairn.image.ImageSpec;
import dev.cairn.image.StandardImage;
import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.pin.RequestSet;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.inputs.lock.LockedSet;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import dev.cairn.workspace.ChartTarget;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.OperableTarget;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.Target;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import dev.cairn.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "why", mixinStandardHelpOptions = true,
        description = "Show the chain that puts a Debian package or a store object into an image, a package or an operable.")
final class WhyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET",
            description = "An image, package or operable target: //cell/oci-images/NAME, //cell/packages/NAME,"
                    + " //cell/operables/NAME.")
    String target;

    @Parameters(index = "1", paramLabel = "WHAT",
            description = "A Debian package name (answered from cairn.lock), a store path /cairn/store/…, or, for an"
                    + " image, a path in it such as /usr/bin/java.")
    String what;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = WorkspaceTargets.open(spec)) {
            Target resolved = WorkspaceTargets.target(workspace, target);
            if (what.startsWith(StorePath.STORE_DIR + "/") || !what.startsWith("/")) {
                print(out, what.startsWith("/") ? storeChain(workspace, resolved, what)
                        : packageChain(workspace, resolved, what));
            } else if (resolved instanceof ImageTarget image) {
                imagePathChain(out, workspace, image);
            } else {
                throw new WorkspaceException(what + " is neither a Debian package nor a store path, and "
                        + resolved.address() + " is not an image to look for a path in",
                        "ask about a path in an image (cairn why //cell/oci-images/NAME " + what
                                + "), or name a store path /cairn/store/…");
            }
            out.flush();
            return 0;
        }
    }

    /** The chain in the first of the target's Debian request sets that holds the package, from the lock. */
    private List<String> packageChain(Workspace workspace, Target target, String asked) {
        Lock lock = workspace.lock();
        Map<String, LockedPackage> byKey = new TreeMap<>();
        lock.packages().forEach(p -> byKey.put(p.key(), p));
        List<RequestSet> sets = DebianRequests.of(target, OperablePipeline.specs(workspace));
        for (RequestSet set : sets) {
            LockedSet locked = lock.sets().stream()
                    .filter(s -> s.answers(set.architecture(), set.request()))
                    .findFirst()
                    .orElseThrow(() -> new InputsException(target.address() + " asks for " + set.describe()
                            + ", which " + LockFile.FILE_NAME + " does not pin", "run `cairn lock`"));
            List<String> names = locked.chainTo(asked);
            if (!names.isEmpty()) {
                List<String> chain = new ArrayList<>();
                for (String name : names) {
                    String version = locked.packages().stream()
                            .filter(key -> key.startsWith(name + "="))
                            .map(key -> byKey.get(key).version())
                            .findFirst().orElse("?");
                    chain.add(name + " " + version + (name.equals(names.getFirst()) ? " (asked for)" : ""));
                }
                return chain;
            }
        }
        throw new InputsException(asked + " is not among the Debian packages of " + target.address()
                + (sets.isEmpty() ? " (it asks for none)" : " as " + LockFile.FILE_NAME + " pins them"),
                "check the name; `cairn why` answers from " + LockFile.FILE_NAME
                        + ", so run `cairn lock` after changing the workspace");
    }

    /** The chain of references from the target's store contents (an image) or its built output (a package). */
    private List<String> storeChain(Workspace workspace, Target target, String asked) {
        Store store = StoreCommand.open();
        StorePath wanted = store.resolve(asked);
        List<StoreRoot> roots = new ArrayList<>();
        switch (target) {
            case ImageTarget image -> {
                for (Content content : image.image().contents()) {
                    if (content.source() instanceof ContentSource.StoreObject object && store.isValid(object.path())) {
                        roots.add(new StoreRoot(object.path(), "in the contents, at " + content.imagePath()));
                    }
                }
                if (image.image().operable() != null) {
                    OperableTarget operable = workspace.operableTarget(TargetAddress.parse(image.image().operable()));
                    BuildRoots.lastBuild(store, workspace, operable).ifPresent(output -> roots.add(
                            new StoreRoot(output, "the operable " + operable.address() + ", the image's entrypoint")));
                    // After the operable: what the standard part has is explained by the runtime closure.
                    if (image.image().debug()) {
                        BuildRoots.lastDebugShell(store, workspace, operable).ifPresent(shell -> roots.add(new StoreRoot(
                                shell, "the debug shell of " + operable.address() + ", " + StandardImage.DEBUG_SHELL)));
                    }
                }
            }
            case PackageTarget pkg -> BuildRoots.lastBuild(store, workspace, pkg)
                    .ifPresent(output -> roots.add(new StoreRoot(output, "the last build of " + pkg.address())));
            case OperableTarget operable -> BuildRoots.lastBuild(store, workspace, operable)
                    .ifPresent(output -> roots.add(new StoreRoot(output, "the last build of " + operable.address())));
            case ChartTarget chart -> throw new WorkspaceException("`cairn why` looks into images, packages and operables;"
                    + " " + chart.address() + " is a chart", "ask about its image: cairn why " + chart.image() + " " + asked);
        }
        for (StoreRoot root : roots) {
            Optional<List<StorePath>> chain = store.why(root.path(), wanted);
            if (chain.isPresent()) {
                List<String> lines = new ArrayList<>(chain.get().stream().map(StorePath::toString).toList());
                lines.set(0, lines.get(0) + " (" + root.role() + ")");
                return lines;
            }
        }
        throw new StoreException(wanted + " is not in the closure of " + target.address()
                + (roots.isEmpty() ? " (nothing of it is in the store; build it first)" : ""),
                "`cairn store closure PATH` lists a store object's closure");
    }

    private static void print(PrintWriter out, List<String> chain) {
        for (int i = 0; i < chain.size(); i++) {
            out.println("  ".repeat(i) + (i == 0 ? "" : "→ ") + chain.get(i));
        }
    }

    /**
     * What puts a path of the image there: the links on the way and the content holding it, a
     * line each, then that content's own chain (a Debian package's from the lock, a store
     * object's references).
     */
    private void imagePathChain(PrintWriter out, Workspace workspace, ImageTarget image) {
        Store store = StoreCommand.open();
        var log = Output.log(spec.commandLine().getErr());
        ImageSpec realised = image.image().operable() != null
                ? StandardImages.realise(workspace, image, store, log)
                : DebianContents.realise(workspace, image, store, log);
        List<ImagePaths.Step> steps = new ImagePaths(store, realised).find(what);
        if (steps.isEmpty()) {
            throw new ImageException(what + " is in none of the contents of " + image.address()
                    + " (its Debian packages, store objects and own contents)",
                    "check the path; `cairn why " + image.address() + " PACKAGE` answers for a Debian package by name");
        }
        for (ImagePaths.Step step : steps.subList(0, steps.size() - 1)) {
            out.println(step.path() + " is a link to " + step.linkTarget() + ", from " + from(step.provider()));
        }
        ImagePaths.Step last = steps.getLast();
        if (last.provider() == null) {
            List<String> chain = storeChain(workspace, image, last.path());
            out.println(last.path() + " is in the store object " + chain.getLast());
            print(out, chain);
            return;
        }
        out.println(last.path() + " is from " + from(last.provider()));
        if (last.provider().source() instanceof ContentSource.PackageTree tree) {
            print(out, packageChain(workspace, image, tree.name()));
        }
    }

    private static String from(Content content) {
        return switch (content.source()) {
            case ContentSource.PackageTree tree -> tree.label() + " (" + tree.path() + ")";
            case ContentSource.StoreTree tree -> tree.label() + " (" + tree.path() + ")";
            case ContentSource.WorkspaceFile file -> "the image's contents, " + file.declaredAs();
            case ContentSource.Symlink link -> "the image itself (" + content.imagePath() + ")";
            case ContentSource.EmptyDirectory directory -> "the image itself (" + content.imagePath() + ")";
            case ContentSource.StoreObject object -> "the image's contents, " + object.path();
            case ContentSource.DebianPackages packages -> "debian " + String.join(" ", packages.request());
        };
    }

    private record StoreRoot(StorePath path, String role) {}
}
