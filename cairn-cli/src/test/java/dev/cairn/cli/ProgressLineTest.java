package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void onATerminalItRewritesOneLineAndClearsItAtTheEnd() throws InterruptedException {
        StringWriter err = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), true)) {
            Thread.sleep(120);
            line.advance("layers", 3 << 20);
        }

        assertThat(err.toString()).startsWith("\r\u001b[Klayers: 3.0 MiB").endsWith("\r\u001b[K");
        assertThat(err.toString()).doesNotContain("\n");
    }

    @Test
    void elsewhereItStaysSilent() throws InterruptedException {
        StringWriter err = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), false)) {
            Thread.sleep(120);
            line.advance("layers", 3 << 20);
        }

        assertThat(err.toString()).isEmpty();
    }
}
