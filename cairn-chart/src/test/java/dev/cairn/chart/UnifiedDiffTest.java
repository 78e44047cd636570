package dev.cairn.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cairn diff's text is what {@code diff -u} prints for the same two texts, hunk for hunk. */
class UnifiedDiffTest {
    @TempDir
    Path temp;

    @Test
    void theSameTextsGiveNothing() {
        assertThat(UnifiedDiff.of("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    void hunksAreDiffUs() throws Exception {
        String a = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
        String b = a.replace("line 3\n", "line three\n").replace("line 20\n", "").replace("line 21\n", "line 21\nnew\n")
                .replace("line 40\n", "line 40\nend\n");

        String ours = UnifiedDiff.of("a", a, "b", b);

        assertThat(ours).isEqualTo(diffU(a, b));
    }

    private String diffU(String a, String b) throws IOException, InterruptedException {
        Path left = Files.writeString(temp.resolve("a"), a);
        Path right = Files.writeString(temp.resolve("b"), b);
        Process diff = new ProcessBuilder("diff", "-u", "--label", "a", "--label", "b", left.toString(), right.toString())
                .redirectErrorStream(true).start();
        String out = new String(diff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(diff.waitFor()).isEqualTo(1);
        return out;
    }

    @Test
    void aRequiredOptionWithoutValueIsNamedWithTheEnvironment() {
        ChartInput input = new ChartInput("api", "//web/oci-images/api",
                dev.cairn.oci.Digest.sha256(new byte[0]),
                List.of(new ChartInput.Option("WHO", java.util.Optional.empty(), true, "whom to greet")),
                java.util.Optional.empty(), java.util.Optional.empty(), List.of(), 1, 1,
                "/cairn/store/0123456789abcdfghijklmnpqrsvwxyz-operable-api/bin/operable-api", List.of());
        OptionValues none = new OptionValues(java.util.Set.of(), java.util.Set.of());
        OptionValues typo = new OptionValues(java.util.Set.of("WHOM"), java.util.Set.of("WHO"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> none.check(input, "//web/kubernetes-charts/api",
                        java.util.Optional.of("prod"), "cells/web/environments/prod.pkl"))
                .hasMessage("//web/kubernetes-charts/api in environment prod: the operable requires WHO (whom to greet),"
                        + " and environment prod gives it no value");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> typo.check(input, "//web/kubernetes-charts/api",
                        java.util.Optional.of("prod"), "cells/web/environments/prod.pkl"))
                .hasMessage("//web/kubernetes-charts/api in environment prod: WHOM is not an option of the operable"
                        + " that //web/oci-images/api runs");
    }
}
