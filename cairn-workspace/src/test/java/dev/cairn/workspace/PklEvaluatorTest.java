package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PklEvaluatorTest {
    @Test
    void theErrorsPlaceIsTheInnermostFrameInAFile() {
        String message = """
                –– Pkl Error ––
                Type constraint `isBetween(0, 9)` violated.
                Value: 12

                7 | typealias Digit = Int(isBetween(0, 9))
                                          ^^^^^^^^^^^^^^^
                at cairn.Example#digit (cairn:Example)

                ┌─ 2 repetitions of:
                │ 12 | digit = 12
                │              ^^
                │ at block#digit (file:///work/ws/cells/a/oci-images.pkl)
                └─
                """;

        assertThat(PklEvaluator.firstFileFrame(message))
                .isEqualTo(new PklEvaluator.Location(Path.of("/work/ws/cells/a/oci-images.pkl"), 12));
    }

    @Test
    void anErrorWithoutAFileFrameHasNoPlace() {
        String message = """
                –– Pkl Error ––
                Tried to read property `name` but its value is undefined.

                3 | name: String
                    ^^^^
                at cairn.Workspace#name (cairn:Workspace)
                """;

        assertThat(PklEvaluator.firstFileFrame(message)).isNull();
    }
}
