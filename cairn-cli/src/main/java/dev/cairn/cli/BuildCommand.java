package dev.cairn.cli;

import dev.cairn.oci.image.WrittenImage;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.packaging.PackagingException;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.PackageTarget;
import dev.cairn.workspace.Target;
import dev.cairn.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build an image target into an OCI layout or archive; print its manifest digest last.")
final class BuildCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TARGET",
            description = "An image target, //cell/oci-images/NAME. (Package targets, //cell/packages/NAME, not yet.)")
    String target;

    @Option(names = "--out", paramLabel = "PATH",
            description = "Where to write (default: result/NAME in the workspace, result/NAME.tar for archives).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "oci",
            description = "oci (a layout directory), oci-archive or docker-archive. Default: ${DEFAULT-VALUE}.")
    String format;

    @CommandLine.Mixin
    CompressionOption compression;

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
                throw new PackagingException(pkg.address() + " (" + pkg.spec().kind()
                        + " build): `cairn build` cannot build packages yet",
                        "the package builders are not there yet; `cairn build` builds image targets,"
                                + " //cell/oci-images/NAME");
            }
            ImageTarget image = WorkspaceTargets.image(resolved, "build");
            Path destination = out != null ? out.toAbsolutePath()
                    : workspace.root().resolve("result")
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
}
