package dev.cairn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code cairn} command: one subcommand per verb, each a small class of its own. */
@Command(
        name = "cairn",
        mixinStandardHelpOptions = true,
        versionProvider = CairnVersion.class,
        description = "Source to reproducible OCI images and scheduler manifests, the four layers of packaging.",
        subcommands = {
            ListCommand.class,
            BuildCommand.class,
            RunCommand.class,
            PublishCommand.class,
            LoadCommand.class,
            RenderCommand.class,
            DiffCommand.class,
            LockCommand.class,
            FetchCommand.class,
            DevelopCommand.class,
            WhyCommand.class,
            StoreCommand.class,
            GcCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Cairn implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = "-C", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Run as if started in DIR (the workspace is found from there upward).")
    java.nio.file.Path directory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 ok, 1 failure, 2 usage. */
    public static int run(String... args) {
        Cairn cairn = new Cairn();
        CommandLine commandLine = new CommandLine(cairn);
        commandLine.setExecutionExceptionHandler(new ErrorReporter(() -> cairn.debug));
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see `cairn --help`");
    }
}
