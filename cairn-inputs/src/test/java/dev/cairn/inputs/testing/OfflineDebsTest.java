package dev.cairn.inputs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineDebsTest {
    @TempDir
    Path temp;

    @Test
    void theTestDebsDirectoryFollowsTheRuleRunTestsUses() {
        Path home = Path.of("/home/someone");

        assertThat(OfflineDebs.testDebsDirectory(Map.of(), home)).isEqualTo(Path.of("/home/someone/.cache/cairn/test-debs"));
        assertThat(OfflineDebs.testDebsDirectory(Map.of("XDG_CACHE_HOME", "/var/cache/someone"), home))
                .isEqualTo(Path.of("/var/cache/someone/cairn/test-debs"));
        // As for cairn's own cache (StoreLocation): a relative XDG_CACHE_HOME is ignored.
        assertThat(OfflineDebs.testDebsDirectory(Map.of("XDG_CACHE_HOME", "cache"), home))
                .isEqualTo(Path.of("/home/someone/.cache/cairn/test-debs"));
        assertThat(OfflineDebs.testDebsDirectory(Map.of("CAIRN_TEST_DEBS", "/srv/debs", "XDG_CACHE_HOME", "/x"), home))
                .isEqualTo(Path.of("/srv/debs"));
    }

    @Test
    void aDebIsFoundByAptsNameOrItsPoolNameAndItsSize() throws Exception {
        Path apt = Files.createDirectory(temp.resolve("apt"));
        Path downloaded = Files.createDirectory(temp.resolve("downloaded"));
        Files.write(apt.resolve("automake_1%3a1.16.5-1.3_all.deb"), new byte[10]);
        Files.write(downloaded.resolve("hello_2.10-3_amd64.deb"), new byte[20]);
        OfflineDebs debs = new OfflineDebs(List.of(apt, downloaded, temp.resolve("missing")));

        assertThat(OfflineDebs.aptFileName("automake", "1:1.16.5-1.3", "all")).isEqualTo("automake_1%3a1.16.5-1.3_all.deb");
        assertThat(debs.find("automake", "1:1.16.5-1.3", "all", "pool/main/a/automake-1.16/automake_1.16.5-1.3_all.deb", 10))
                .contains(apt.resolve("automake_1%3a1.16.5-1.3_all.deb"));
        assertThat(debs.find("hello", "2.10-3", "amd64", "pool/main/h/hello/hello_2.10-3_amd64.deb", 20))
                .contains(downloaded.resolve("hello_2.10-3_amd64.deb"));
        assertThat(debs.find("hello", "2.10-3", "amd64", "pool/main/h/hello/hello_2.10-3_amd64.deb", 21)).isEmpty();
        assertThat(debs.find("hello", "2.10-4", "amd64", "pool/main/h/hello/hello_2.10-4_amd64.deb", 20)).isEmpty();
    }
}
