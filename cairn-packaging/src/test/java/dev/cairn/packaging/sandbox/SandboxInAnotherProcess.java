package dev.cairn.packaging.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A sandboxed build in a JVM of its own, for the test that kills that JVM. */
public final class SandboxInAnotherProcess {
    private SandboxInAnotherProcess() {}

    /** Arguments: the build directory, the root filesystem, then the build's command. */
    public static void main(String[] args) {
        SandboxSpec spec = SandboxSpec.of(Path.of(args[0]), List.of(args).subList(2, args.length))
                .withRootfs(Path.of(args[1]));
        SandboxResult result = Sandbox.find(System.getenv("PATH")).run(spec, line -> {
            System.out.println(line);
            System.out.flush();
        });
        System.exit(result.exitCode());
    }

    static Process start(Path build, Path rootfs, List<String> command) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> commandLine = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                SandboxInAnotherProcess.class.getName(), build.toString(), rootfs.toString()));
        commandLine.addAll(command);
        return new ProcessBuilder(commandLine).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
