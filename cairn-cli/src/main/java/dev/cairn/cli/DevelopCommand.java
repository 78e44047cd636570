package dev.cairn.cli;

import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "develop", mixinStandardHelpOptions = true,
        description = {"Open a shell in a package's build environment: its sandbox, its inputs, no network,"
                + " and its source directory as a writable /build.",
                "With -- COMMAND…, run that instead of an interactive shell; the exit code is the command's."})
final class DevelopCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "A package target, //cell/packages/NAME.")
    String target;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "A command to run instead of a shell.")
    List<String> command = new ArrayList<>();

    @Option(names = "--network", description = "Let the shell reach the network (builds never can).")
    boolean network;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = WorkspaceTargets.open(spec)) {
            PackageTarget pkg = workspace.packageTarget(TargetAddress.parse(target));
            workspace.dependencies(pkg);
            if (network) {
                spec.commandLine().getErr().println("cairn: warning: this shell reaches the network; a build of "
                        + pkg.address() + " will not");
            }
            return PackagePipeline.develop(workspace, pkg, command, network, Output.log(spec.commandLine().getErr()));
        }
    }
}
