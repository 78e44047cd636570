package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }

    @Test
    void suggestsTheClosestCandidateOnlyWhenItIsClose() {
        List<String> known = List.of("//web/oci-images/api", "//web/oci-images/worker");

        assertThat(Suggestions.closest("//web/oci-images/apo", known)).contains("//web/oci-images/api");
        assertThat(Suggestions.closest("//db/packages/postgres-server", known)).isEmpty();
        assertThat(Suggestions.closest("//web/oci-images/api", List.of())).isEmpty();
    }
}
