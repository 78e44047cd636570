package dev.cairn.inputs.debian.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DebianVersion's order against the real {@code dpkg --compare-versions}. */
@Tag("integration")
class DebianVersionDpkgTest {
    @TempDir
    Path temp;

    @Test
    void theTableAndRandomPairsCompareAsDpkgCompares() throws Exception {
        List<String[]> pairs = new ArrayList<>();
        for (String[] pair : DebianVersionTest.ORDERED) {
            pairs.add(new String[] {pair[0], pair[2]});
        }
        // Random versions over the characters that matter: digits, letters, and the
        // separators that sort specially ('~' first, then the end, letters, then . + -).
        Random random = new Random(20251123);
        for (int i = 0; i < 400; i++) {
            String left = randomVersion(random);
            // half the pairs share a prefix, so that the interesting tails get compared
            String right = random.nextBoolean() ? randomVersion(random) : mutate(left, random);
            pairs.add(new String[] {left, right});
        }

        List<String> dpkg = dpkgOrder(pairs);

        for (int i = 0; i < pairs.size(); i++) {
            String[] pair = pairs.get(i);
            int order = DebianVersion.parse(pair[0]).compareTo(DebianVersion.parse(pair[1]));
            String ours = order < 0 ? "lt" : order == 0 ? "eq" : "gt";
            assertThat(ours).as(pair[0] + " vs " + pair[1]).isEqualTo(dpkg.get(i));
        }
    }

    /** One shell running dpkg once per pair: much faster than a process per comparison. */
    private List<String> dpkgOrder(List<String[]> pairs) throws Exception {
        StringBuilder script = new StringBuilder();
        for (String[] pair : pairs) {
            script.append("if dpkg --compare-versions '").append(pair[0]).append("' lt '").append(pair[1])
                    .append("' 2>/dev/null; then echo lt; elif dpkg --compare-versions '").append(pair[0])
                    .append("' eq '").append(pair[1]).append("' 2>/dev/null; then echo eq; else echo gt; fi\n");
        }
        Path file = Files.writeString(temp.resolve("compare.sh"), script);
        Process process = new ProcessBuilder("sh", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> answers = output.lines().toList();
        assertThat(answers).as(output).hasSize(pairs.size());
        return answers;
    }

    private static String randomVersion(Random random) {
        StringBuilder version = new StringBuilder();
        if (random.nextInt(5) == 0) {
            version.append(random.nextInt(3)).append(':');
        }
        version.append(random.nextInt(12));
        version.append(randomTail(random, "0123456789abzAZ.+~", 6));
        if (random.nextBoolean()) {
            version.append('-').append(random.nextInt(4)).append(randomTail(random, "0123456789abu.+~", 5));
        }
        return version.toString();
    }

    private static String mutate(String version, Random random) {
        int cut = 1 + random.nextInt(version.length());
        String prefix = version.substring(0, cut);
        if (prefix.endsWith(":") || prefix.endsWith("-")) {
            prefix = prefix + random.nextInt(10);
        }
        return prefix + randomTail(random, "0123456789az.+~", 3);
    }

    private static String randomTail(Random random, String alphabet, int longest) {
        StringBuilder tail = new StringBuilder();
        int length = random.nextInt(longest + 1);
        for (int i = 0; i < length; i++) {
            tail.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return tail.toString();
    }
}
