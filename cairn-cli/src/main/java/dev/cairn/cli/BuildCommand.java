package dev.cairn.cli;

import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.packaging.PackagingException;
import dev.cairn.operable.BuiltOperable;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.OperableTarget;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.Target;
import dev.cairn.workspace.Workspace;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build an image target into an OCI layout or archive; print its manifest digest last.",
                "Build a package target in the sandbox into the store; print its store path last.",
                "Build an operable target (its package first) into the store; print its store path last."})
final class BuildCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TARGET",
            description = "An image target, //cell/oci-images/NAME, a package target, //cell/packages/NAME, or an"
                    + " operable target, //cell/operables/NAME.")
    String target;

    @Option(names = "--out", paramLabel = "PATH",
            description = "Where to write (default: result/NAME in the workspace, result/NAME.tar for archives).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "oci",
            description = "oci (a layout directory), oci-archive or docker-archive. Default: ${DEFAULT-VALUE}.")
    String format;

    @CommandLine.Mixin
    CompressionOption compression;

    @Option(names = "--check", description = "Packages: build again and fail, naming the first differing file,"
            + " when the output is not bit for bit the one in the store.")
    boolean check;

    @Option(names = "--json", description = "Packages and operables: print the output, whether it was built"
            + " unsandboxed, and its closure as JSON.")
    boolean json;

    @Option(names = "--no-sandbox", description = "Packages: build on the host, without bubblewrap: network, host files"
            + " and host tools reachable. Needs /cairn/store to be the store; each such build warns, gets an output"
            + " path of its own and is marked unsandboxed.")
    boolean noSandbox;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat outputFormat = OutputFormat.parse(format);
        Compression layerCompression = compression.parse();
        try (Workspace workspace = WorkspaceTargets.open(spec);
                ProgressLine progress = ProgressLine.forTerminal(spec.commandLine().getErr())) {
            Target resolved = WorkspaceTargets.target(workspace, target);
            if (resolved instanceof PackageTarget pkg) {
                workspace.dependencies(pkg); // a reference to a missing package is named before anything else
                return buildPackage(workspace, pkg);
            }
            if (check) {
                throw new PackagingException("--check rebuilds packages; " + resolved.address() + " is "
                        + (resolved instanceof OperableTarget ? "an operable" : "an image"),
                        "image builds are checked by building twice and comparing digests");
            }
            if (noSandbox) {
                throw new PackagingException("--no-sandbox builds packages; " + resolved.address() + " is "
                        + (resolved instanceof OperableTarget ? "an operable" : "an image") + ", which runs no build",
                        "leave out --no-sandbox: only packages build on the host");
            }
            if (resolved instanceof OperableTarget operable) {
                progress.close();
                BuiltOperable built = OperablePipeline.build(workspace, operable, Output.log(spec.commandLine().getErr()));
                printOutput(built.object());
                return 0;
            }
            ImageTarget image = WorkspaceTargets.image(resolved, "build");
            Path destination = out != null ? out.toAbsolutePath()
                    : workspace.root().resolve(Workspace.RESULT_DIR)
                            .resolve(image.image().name() + (outputFormat == OutputFormat.OCI ? "" : ".tar"));
            WrittenImage written = ImagePipeline.write(workspace, image, destination, outputFormat, layerCompression,
                    progress, Output.log(spec.commandLine().getErr()));
            progress.close();
            spec.commandLine().getErr().println("wrote " + destination + " (" + outputFormat.label() + ", "
                    + written.layers().size() + " layers)");
            spec.commandLine().getErr().flush();
            spec.commandLine().getOut().println(written.manifest().digest());
            return 0;
        }
    }

    private int buildPackage(Workspace workspace, PackageTarget pkg) {
        var log = Output.log(spec.commandLine().getErr());
        ObjectInfo output = check
                ? PackagePipeline.check(workspace, pkg, !noSandbox, log)
                : PackagePipeline.build(workspace, pkg, !noSandbox, log).output();
        if (check) {
            log.accept(pkg.address() + " is reproducible: the second build is bit for bit " + output.path());
        } else {
            BuildRoots.keep(StoreCommand.open(), workspace, pkg, output);
        }
        printOutput(output);
        return 0;
    }

    /** A store object built: its path last, or with {@code --json} its path and closure. */
    private void printOutput(ObjectInfo output) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Store store = StoreCommand.open();
            Output.json(out, Map.of("path", output.path().toString(),
                    "unsandboxed", output.unsandboxed(),
                    "closure", store.closure(List.of(output.path())).stream().map(StorePath::toString).toList()));
        } else {
            out.println(output.path());
            out.flush();
        }
    }
}
