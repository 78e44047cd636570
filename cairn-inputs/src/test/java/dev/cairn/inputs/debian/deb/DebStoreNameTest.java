package dev.cairn.inputs.debian.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import org.junit.jupiter.api.Test;

class DebStoreNameTest {
    @Test
    void epochsAndTildesBecomeStoreSafeCharacters() {
        assertThat(DebStoreName.of("hello", "2.10-3").value()).isEqualTo("hello-2.10-3");
        assertThat(DebStoreName.of("automake", "1:1.16.5-1.3").value()).isEqualTo("automake-1_1.16.5-1.3");
        assertThat(DebStoreName.of("apache2-utils", "2.4.68-1~deb12u1").value())
                .isEqualTo("apache2-utils-2.4.68-1=deb12u1");
        assertThat(DebStoreName.of("libstdc++6", "12.2.0-14+deb12u1").value()).isEqualTo("libstdc++6-12.2.0-14+deb12u1");
        assertThat(DebStoreName.of("x", "2:1.0~rc1+dfsg:3-1").controlName()).isEqualTo("x-2_1.0=rc1+dfsg_3-1-control");
    }

    @Test
    void theMappingLosesNothing() {
        assertThat(DebStoreName.of("p", "1:1")).isNotEqualTo(DebStoreName.of("p", "1~1"));
    }

    @Test
    void aNameTooLongForTheStoreIsRefused() {
        assertThatThrownBy(() -> DebStoreName.of("p", "1." + "0".repeat(210)))
                .isInstanceOf(InputsException.class)
                .hasMessageContaining("too long for a store name");
    }
}
