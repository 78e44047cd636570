package dev.cairn.inputs.debian.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Deb822Test {
    @Test
    void paragraphsFieldsAndContinuations() {
        List<Paragraph> paragraphs = Deb822.parse("""
                Package: hello
                Version: 2.10-3
                Description: example package
                 based on GNU hello
                 .
                 second paragraph

                package: other
                Depends: libc6 (>= 2.34), hello | hello-traditional
                """, "Packages", false);

        assertThat(paragraphs).hasSize(2);
        assertThat(paragraphs.get(0).value("Version")).isEqualTo("2.10-3");
        assertThat(paragraphs.get(0).value("description"))
                .isEqualTo("example package\nbased on GNU hello\n\nsecond paragraph");
        assertThat(paragraphs.get(1).value("Package")).isEqualTo("other");
        assertThat(paragraphs.get(1).line()).isEqualTo(8);
        assertThat(paragraphs.get(1).get("Missing")).isEmpty();
    }

    @Test
    void commentsOnlyWhereAllowedAndBadLinesNamed() {
        assertThat(Deb822.parse("# a comment\nTypes: deb\n", "x.sources", true)).hasSize(1);
        assertThatThrownBy(() -> Deb822.parse("Package: x\nno colon here\n", "Packages", false))
                .hasMessageContaining("Packages:2");
        assertThatThrownBy(() -> Deb822.parse(" continued\n", "Packages", false)).hasMessageContaining("Packages:1");
    }
}
