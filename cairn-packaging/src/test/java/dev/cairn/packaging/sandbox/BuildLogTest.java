package dev.cairn.packaging.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A build's output reaches the sink line by line, and its end is kept for the error message. */
class BuildLogTest {
    private final List<String> lines = new ArrayList<>();

    @Test
    void everyLineReachesTheSinkAndOnlyTheLastOnesAreKept() throws IOException {
        BuildLog log = new BuildLog(lines::add, 2);

        log.readAll(input("one\ntwo\r\nthree\nno newline at the end"));

        assertThat(lines).containsExactly("one", "two", "three", "no newline at the end");
        assertThat(log.tail()).containsExactly("three", "no newline at the end");
    }

    @Test
    void aLineWithoutEndIsPassedOnInPieces() throws IOException {
        BuildLog log = new BuildLog(lines::add, 5);

        log.readAll(input("x".repeat(BuildLog.MAX_LINE_BYTES * 2 + 3)));

        assertThat(lines).extracting(String::length)
                .containsExactly(BuildLog.MAX_LINE_BYTES, BuildLog.MAX_LINE_BYTES, 3);
    }

    @Test
    void bytesThatAreNotUtf8AreReplacedNotFatal() throws IOException {
        new BuildLog(lines::add, 0).readAll(new ByteArrayInputStream(new byte[] {'a', (byte) 0xff, 'b', '\n'}));

        assertThat(lines).containsExactly("a\uFFFDb");
    }

    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
