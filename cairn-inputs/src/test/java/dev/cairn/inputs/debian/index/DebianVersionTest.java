package dev.cairn.inputs.debian.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DebianVersionTest {
    /** Pairs with the order dpkg gives them; DebianVersionDpkgTest checks this table against dpkg. */
    static final String[][] ORDERED = {
        {"1.0~rc1", "<", "1.0"},
        {"1.0~rc1", "<", "1.0~rc2"},
        {"1.0~~", "<", "1.0~"},
        {"1.0~~a", "<", "1.0~"},
        {"1.0~", "<", "1.0"},
        {"1~", "<", "1"},
        {"1.0", "<", "1.0a"},
        {"1.0A", "<", "1.0a"},
        {"1.0a", "<", "1.0+"},
        {"1.0+a", "<", "1.0.a"},
        {"1:0.1", ">", "2.0"},
        {"2:1", ">", "1:9"},
        {"1.0-1", "<", "1.0-1+deb12u1"},
        {"1.0-1", "<", "1.0-1+b1"},
        {"2.36-9+deb12u4", "<", "2.36-9+deb12u14"},
        {"2.36-9+deb12u14", ">", "2.36-9+deb12u9"},
        {"3.0.22-1~deb12u1", "<", "3.0.22-1~deb12u2"},
        {"3.0.22-1~deb12u2", "<", "3.0.22-1"},
        {"1.0-1~bpo12+1", "<", "1.0-1"},
        {"1.2.3", "<", "1.2.10"},
        {"1.2.13.dfsg-1", ">", "1.2.13-1"},
        {"1.0-2", "<", "1.0-10"},
        {"1.0-1", "<", "1.0.1"},
        {"0", "<", "0.0.0"},
        {"9", "<", "10"},
        {"a", "<", "a+"},
        {"a", "<", "b"},
        {"1.0", "=", "1.0-0"},
        {"1.0", "=", "0:1.0"},
        {"1.00", "=", "1.0"},
        {"1.0a", "=", "1.0a0"},
        {"007", "=", "7"},
        {"1:4.4.33-2", "=", "1:4.4.33-2"},
        {"20250419~deb12u2", ">", "20230311"},
    };

    @Test
    void ordersPairsAsDpkgDoes() {
        for (String[] pair : ORDERED) {
            DebianVersion left = DebianVersion.parse(pair[0]);
            DebianVersion right = DebianVersion.parse(pair[2]);
            int expected = switch (pair[1]) {
                case "<" -> -1;
                case ">" -> 1;
                default -> 0;
            };
            String what = pair[0] + " " + pair[1] + " " + pair[2];
            assertThat(Integer.signum(left.compareTo(right))).as(what).isEqualTo(expected);
            assertThat(Integer.signum(right.compareTo(left))).as(what + " reversed").isEqualTo(-expected);
        }
    }

    @Test
    void versionsDpkgFindsEqualAreEqualWithEqualHashes() {
        DebianVersion plain = DebianVersion.parse("1.0");
        for (String same : new String[] {"0:1.0", "1.0-0", "1.00", "01.0", "1.0-00"}) {
            assertThat(DebianVersion.parse(same)).isEqualTo(plain).hasSameHashCodeAs(plain);
        }
        assertThat(DebianVersion.parse("1.0a")).isEqualTo(DebianVersion.parse("1.0a0"))
                .hasSameHashCodeAs(DebianVersion.parse("1.0a0"));
        assertThat(DebianVersion.parse("1.0.0")).isNotEqualTo(plain);
    }

    @Test
    void partsAreSplitAtTheFirstColonAndTheLastHyphen() {
        DebianVersion version = DebianVersion.parse("1:2.0-rc1-3+deb12u1");

        assertThat(version.epoch()).isEqualTo(1);
        assertThat(version.upstream()).isEqualTo("2.0-rc1");
        assertThat(version.revision()).isEqualTo("3+deb12u1");
        assertThat(version).hasToString("1:2.0-rc1-3+deb12u1");
        assertThat(DebianVersion.parse("0:1.0")).hasToString("1.0"); // dpkg prints no zero epoch either
        assertThat(DebianVersion.parse("2.10")).extracting(DebianVersion::epoch, DebianVersion::revision)
                .containsExactly(0, "");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty",
        "1.0 1|space",
        "a:1.0|epoch",
        ":1.0|epoch",
        "1:|nothing follows the epoch",
        "1.0-|revision",
        "1.0_1|'_' is not allowed in the upstream version",
        "1.0-a_b|'_' is not allowed in the revision",
        "1:2.0-1:3|':' is not allowed in the revision",
        "99999999999:1|too large",
        "-1|upstream version is empty",
        "1.0é|'é' is not allowed",
    })
    void malformedVersionsAreRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> DebianVersion.parse(text))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("'" + text.strip() + "' is not a Debian version")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InputsException) e).hint()).contains("[epoch:]upstream[-revision]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0-1-2", "a", "1.0+really0.9", "2:1.0~rc1+dfsg-1~bpo12+1", "0.0", "1:1:1"})
    void unusualButValidVersionsAreAccepted(String text) {
        assertThat(DebianVersion.parse(text).compareTo(DebianVersion.parse(text))).isZero();
    }
}
