package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {
    @Test
    void everyVerbAnswersHelpWithItsUsage() {
        List<List<String>> verbs = new ArrayList<>();
        collect(Cairn.commandLine(), new ArrayList<>(), verbs);
        assertThat(verbs).extracting(v -> String.join(" ", v))
                .contains("store add", "store verify", "store closure", "store why", "gc", "store root add");

        for (List<String> verb : verbs) {
            List<String> args = new ArrayList<>(verb);
            args.add("--help");
            StringWriter out = new StringWriter();
            CommandLine commandLine = Cairn.commandLine(args.toArray(String[]::new));
            commandLine.setOut(new PrintWriter(out));
            int exit = commandLine.execute(args.toArray(String[]::new));

            assertThat(exit).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).contains("Usage: cairn " + String.join(" ", verb));
        }
    }

    @Test
    void aCommandWithoutVerbIsAUsageError() {
        CommandLine commandLine = Cairn.commandLine("store");
        commandLine.setErr(new PrintWriter(new StringWriter()));
        assertThat(commandLine.execute("store")).isEqualTo(2);

        CommandLine none = Cairn.commandLine();
        none.setErr(new PrintWriter(new StringWriter()));
        assertThat(none.execute()).isEqualTo(2);
    }

    @Test
    void aCommandLineNamingAVerbHoldsThatVerbAloneAndItStillTakesTheGlobalOptions() {
        assertThat(Cairn.commandLine("-C", "/tmp", "--debug", "build", "//a/packages/b").getSubcommands())
                .containsOnlyKeys("build");
        assertThat(Cairn.commandLine("store", "verify").getSubcommands()).containsOnlyKeys("store");
        assertThat(Cairn.commandLine("store").getSubcommands().get("store").getSubcommands())
                .containsKeys("add", "verify", "root");
        assertThat(Cairn.commandLine().getSubcommands()).containsKeys("list", "build", "store", "gc", "help");
        assertThat(Cairn.commandLine("help", "build").getSubcommands()).containsKeys("build", "help");
        assertThat(Cairn.commandLine("bild").getSubcommands()).containsKey("build"); // so picocli can suggest it
        // -C and --debug given after the verb, as picocli's inherited options allow.
        CommandLine build = Cairn.commandLine("build", "-C", "/tmp", "--debug", "--help");
        StringWriter out = new StringWriter();
        build.setOut(new PrintWriter(out));
        assertThat(build.execute("build", "-C", "/tmp", "--debug", "--help")).isZero();
        assertThat(out.toString()).contains("-C=DIR").contains("--debug");
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> verbs) {
        for (var sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            List<String> verb = new ArrayList<>(path);
            verb.add(sub.getKey());
            verbs.add(verb);
            collect(sub.getValue(), verb, verbs);
        }
    }
}
