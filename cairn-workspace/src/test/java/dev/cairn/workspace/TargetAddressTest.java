package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetAddressTest {
    @Test
    void parsesCellBlockAndName() {
        TargetAddress address = TargetAddress.parse("//hello/oci-images/hello-2");

        assertThat(address).isEqualTo(new TargetAddress("hello", "oci-images", "hello-2"));
        assertThat(address.toString()).isEqualTo("//hello/oci-images/hello-2");
    }

    @Test
    void addressWithoutLeadingSlashesIsRejectedWithTheForm() {
        assertThatThrownBy(() -> TargetAddress.parse("hello/oci-images/hello"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("'hello/oci-images/hello' is not a target address: it does not start with //")
                .extracting(e -> ((WorkspaceException) e).hint())
                .asString()
                .contains("//cell/block/name");
    }

    @Test
    void addressWithTooFewPartsSaysHowMany() {
        assertThatThrownBy(() -> TargetAddress.parse("//hello/hello"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("'//hello/hello' is not a target address: it has 2 parts where //cell/block/name has 3");
        assertThatThrownBy(() -> TargetAddress.parse("//hello/oci-images/hello/"))
                .hasMessageContaining("it has 4 parts");
    }

    @Test
    void partWithInvalidCharactersIsNamed() {
        assertThatThrownBy(() -> TargetAddress.parse("//Hello/oci-images/my_app"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage("'//Hello/oci-images/my_app' is not a target address: cell name 'Hello' contains 'H'");
        assertThatThrownBy(() -> TargetAddress.parse("//hello/oci-images/my_app"))
                .hasMessageEndingWith("target name 'my_app' contains '_'");
        assertThatThrownBy(() -> TargetAddress.parse("//hello//app"))
                .hasMessageEndingWith("block name '' is empty");
        assertThatThrownBy(() -> TargetAddress.parse("//hello/oci-images/-app"))
                .hasMessageEndingWith("target name '-app' starts with '-'");
    }

    @Test
    void sortsByCellThenBlockThenName() {
        List<TargetAddress> addresses = new ArrayList<>(List.of(
                TargetAddress.parse("//a-b/oci-images/x"),
                TargetAddress.parse("//a/oci-images/z"),
                TargetAddress.parse("//a/oci-images/y")));

        addresses.sort(null);

        assertThat(addresses).extracting(TargetAddress::toString)
                .containsExactly("//a/oci-images/y", "//a/oci-images/z", "//a-b/oci-images/x");
    }
}
