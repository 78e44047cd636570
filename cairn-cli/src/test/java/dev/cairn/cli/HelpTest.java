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
        collect(new CommandLine(new Cairn()), new ArrayList<>(), verbs);
        assertThat(verbs).extracting(v -> String.join(" ", v))
                .contains("store add", "store verify", "store closure", "store why", "gc", "store root add");

        for (List<String> verb : verbs) {
            List<String> args = new ArrayList<>(verb);
            args.add("--help");
            StringWriter out = new StringWriter();
            CommandLine commandLine = new CommandLine(new Cairn());
            commandLine.setOut(new PrintWriter(out));
            int exit = commandLine.execute(args.toArray(String[]::new));

            assertThat(exit).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).contains("Usage: cairn " + String.join(" ", verb));
        }
    }

    @Test
    void aCommandWithoutVerbIsAUsageError() {
        CommandLine commandLine = new CommandLine(new Cairn());
        commandLine.setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("store")).isEqualTo(2);
        assertThat(commandLine.execute()).isEqualTo(2);
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
