package dev.cairn.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code cairn} command: one subcommand per verb, each a small class of its own. */
@Command(
        name = "cairn",
        mixinStandardHelpOptions = true,
        versionProvider = CairnVersion.class,
        description = "Source to reproducible OCI images and scheduler manifests, the four layers of packaging.")
public final class Cairn implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = "-C", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Run as if started in DIR (the workspace is found from there upward).")
    java.nio.file.Path directory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The verbs, in the order help lists them. */
    private static final List<Class<?>> VERBS = List.of(
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
            CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 ok, 1 failure, 2 usage. */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * The command line for {@code args}: with only the verb they name, when they name one, since
     * reading every verb's options and their annotations is most of a command's start; with every
     * verb otherwise (no verb, {@code help}, a misspelt one: picocli then lists or suggests).
     */
    static CommandLine commandLine(String... args) {
        Cairn cairn = new Cairn();
        CommandLine commandLine = new CommandLine(cairn);
        commandLine.setExecutionExceptionHandler(new ErrorReporter(() -> cairn.debug));
        Optional<Class<?>> named = verb(args);
        for (Class<?> verb : named.map(List::<Class<?>>of).orElse(VERBS)) {
            commandLine.addSubcommand(verb); // a class: made by the factory, as for annotated subcommands
        }
        return commandLine;
    }

    /** The verb {@code args} name, past the options before it ({@code -C DIR} takes a value). */
    private static Optional<Class<?>> verb(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-C")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                String word = args[i];
                return VERBS.stream()
                        .filter(verb -> verb != CommandLine.HelpCommand.class)
                        .filter(verb -> verb.getAnnotation(Command.class).name().equals(word))
                        .findFirst();
            }
        }
        return Optional.empty();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see `cairn --help`");
    }
}
