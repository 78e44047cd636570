package dev.cairn.cli;

import dev.cairn.image.ImageLoader;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Build an image target and load it into podman or docker, whichever is installed.")
final class LoadCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TARGET", description = "An image target, //cell/oci-images/NAME.")
    String target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ImageLoader loader = new ImageLoader(System.getenv("PATH"));
        try (Workspace workspace = WorkspaceTargets.open(spec);
                ProgressLine progress = ProgressLine.forTerminal(spec.commandLine().getErr())) {
            ImageTarget image = WorkspaceTargets.image(workspace, target, "load");
            loader.engine().orElseThrow(() -> new dev.cairn.image.ImageException("neither podman nor docker is on PATH",
                    "install one (apt-get install podman), or `cairn build --format docker-archive` and load it yourself"));
            Path directory = Files.createTempDirectory("cairn-load-");
            Path archive = directory.resolve(image.image().name() + ".tar");
            try {
                ImagePipeline.write(workspace, image, archive, OutputFormat.DOCKER_ARCHIVE, Compression.NONE, progress,
                        Output.log(spec.commandLine().getErr()));
                progress.close();
                spec.commandLine().getOut().print(loader.load(archive));
                spec.commandLine().getOut().flush();
            } finally {
                Files.deleteIfExists(archive);
                Files.deleteIfExists(directory);
            }
            return 0;
        }
    }
}
