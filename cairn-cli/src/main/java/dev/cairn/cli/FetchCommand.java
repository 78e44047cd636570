package dev.cairn.cli;

import dev.cairn.store.Store;
import dev.cairn.workspace.ChartTarget;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.OperableTarget;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.Target;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Bring every locked input of a target into the store without building it:"
                + " its Debian packages, its sources, and those of the packages it refers to.",
                "After it, `cairn build` of the target needs no network."})
final class FetchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TARGET", description = "An image, package or operable target.")
    String target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var log = Output.log(spec.commandLine().getErr());
        try (Workspace workspace = WorkspaceTargets.open(spec)) {
            Target resolved = WorkspaceTargets.target(workspace, target);
            Store store = StoreCommand.open();
            int before = store.validPaths().size();
            switch (resolved) {
                case ImageTarget image -> fetchImage(workspace, image, store, log);
                // a chart's inputs are its image's
                case ChartTarget chart -> fetchImage(workspace,
                        WorkspaceTargets.image(workspace.target(chart.image()), "fetch"), store, log);
                case PackageTarget pkg -> {
                    workspace.dependencies(pkg);
                    PackagePipeline.fetch(workspace, pkg, log);
                }
                case OperableTarget operable -> OperablePipeline.fetch(workspace, operable, log);
            }
            int added = store.validPaths().size() - before;
            log.accept(resolved.address() + ": its inputs are in the store (" + added + " object"
                    + (added == 1 ? "" : "s") + " added); building it needs no network now");
            return 0;
        }
    }

    private static void fetchImage(Workspace workspace, ImageTarget image, Store store,
            java.util.function.Consumer<String> log) {
        DebianContents.realise(workspace, image, store, log);
        if (image.image().operable() != null) {
            OperablePipeline.fetch(workspace, workspace.operableTarget(TargetAddress.parse(image.image().operable())), log);
        }
    }
}
