package dev.cairn.packaging.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathRewriteTest {
    private static final String SCRATCH = "/tmp/cairn-1.x-0123456789abcdfghijklmnpqrsvwxyz";
    private static final String STORE = "/cairn/store/0c9yp7jw5nrwk7mk0fs6z0ydzq8kpx1d-x";

    @TempDir
    Path temp;

    @Test
    void everyMentionIsReplacedInPlaceEvenAcrossReadChunksAndInReadOnlyFiles() throws IOException {
        assertThat(SCRATCH).hasSameSizeAs(STORE);
        byte[] big = new byte[(1 << 16) * 2 + 100];
        Arrays.fill(big, (byte) 'x');
        byte[] mention = SCRATCH.getBytes(StandardCharsets.US_ASCII);
        int straddling = (1 << 16) - 10;
        System.arraycopy(mention, 0, big, straddling, mention.length);
        System.arraycopy(mention, 0, big, big.length - mention.length, mention.length);
        Path file = Files.write(temp.resolve("big"), big);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path untouched = Files.writeString(temp.resolve("plain"), "nothing to see\n");
        Path link = Files.createSymbolicLink(temp.resolve("link"), Path.of(SCRATCH + "/big"));

        int changed = PathRewrite.apply(temp, SCRATCH, STORE);

        assertThat(changed).isEqualTo(2);
        byte[] after = Files.readAllBytes(file);
        assertThat(after).hasSize(big.length);
        String text = new String(after, StandardCharsets.US_ASCII);
        assertThat(text).doesNotContain(SCRATCH);
        assertThat(text.indexOf(STORE)).isEqualTo(straddling);
        assertThat(text.lastIndexOf(STORE)).isEqualTo(big.length - STORE.length());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r-xr-xr-x");
        assertThat(untouched).hasContent("nothing to see");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of(STORE + "/big"));
    }

    @Test
    void pathsOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> PathRewrite.apply(temp, "/tmp/a", STORE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
