package dev.cairn.cli;

import dev.cairn.workspace.OperableTarget;
import dev.cairn.workspace.TargetAddress;
import dev.cairn.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Build an operable and run its script here, in the sandbox: with the network, its Debian"
                + " packages as the root filesystem, its closure read-only at /cairn/store, a writable /tmp.",
                "Of this environment, only the options the operable declares are passed on (and TERM), so the"
                        + " defaults apply to the others. The exit code is the operable's."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "An operable target, //cell/operables/NAME.")
    String target;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the operable, after --.")
    List<String> arguments = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = WorkspaceTargets.open(spec)) {
            OperableTarget operable = workspace.operableTarget(TargetAddress.parse(target));
            return OperablePipeline.run(workspace, operable, arguments, System.getenv(),
                    Output.log(spec.commandLine().getErr()));
        }
    }
}
