package dev.cairn.inputs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryPathTest {
    @Test
    void namesAreNormalisedToComponents() {
        assertThat(EntryPath.parse("a.tar", "./usr/bin/x").toString()).isEqualTo("usr/bin/x");
        assertThat(EntryPath.parse("a.tar", "usr//bin/./x/").components()).containsExactly("usr", "bin", "x");
        assertThat(EntryPath.parse("a.tar", "./").isRoot()).isTrue();
        assertThat(EntryPath.parse("a.tar", ".").isRoot()).isTrue();
        assertThat(EntryPath.parse("a.tar", "usr/bin/x").ancestors())
                .containsExactly(new EntryPath(List.of("usr")), new EntryPath(List.of("usr", "bin")));
        assertThat(EntryPath.parse("a.tar", "usr/bin/x").parent().toString()).isEqualTo("usr/bin");
    }

    @Test
    void absoluteNamesAndDotDotAreRefusedNamingArchiveAndEntry() {
        assertThatThrownBy(() -> EntryPath.parse("a.tar", "/etc/passwd"))
                .isInstanceOf(InputsException.class)
                .hasMessage("a.tar: entry '/etc/passwd' is an absolute path");
        assertThatThrownBy(() -> EntryPath.parse("a.tar", "usr/../../etc"))
                .hasMessageContaining("a.tar: entry 'usr/../../etc' has a '..' component");
        // Even a ".." that would stay inside is refused: no genuine archive needs one.
        assertThatThrownBy(() -> EntryPath.parse("a.tar", "usr/../etc")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> EntryPath.parse("a.tar", "")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> EntryPath.parseLinkTarget("a.tar", "x", "../outside"))
                .hasMessageContaining("entry 'x' has hard link target '../outside' which has a '..' component");
    }
}
