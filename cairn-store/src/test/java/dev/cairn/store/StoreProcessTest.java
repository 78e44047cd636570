package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store across processes: a killed add, and two adds racing for the same object. */
@Tag("integration")
class StoreProcessTest {
    @TempDir
    Path temp;

    @Test
    void anAddKilledMidCopyLeavesNoObject() throws Exception {
        Path source = RandomTree.generate(temp.resolve("src"), 11, 50);
        // NAR order puts this last; reading a sparse file is quick, writing it is not.
        try (RandomAccessFile big = new RandomAccessFile(source.resolve("zzzz-big").toFile(), "rw")) {
            big.setLength(512L << 20);
        }
        Path storeRoot = temp.resolve("store");
        Store.open(storeRoot);

        Process add = AddInAnotherProcess.start(storeRoot, source, "src");
        Path copying = awaitCopyOf(storeRoot, "zzzz-big", add);
        add.destroyForcibly();
        assertThat(add.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(add.exitValue()).as("the add was killed, not finished").isNotZero();
        assertThat(copying).exists();
        Store store = Store.open(storeRoot);
        assertThat(store.validPaths()).isEmpty();
        assertThat(entries(storeRoot)).containsExactly(".cairn");
        assertThat(entries(storeRoot.resolve(".cairn/info"))).isEmpty();

        GcReport cleanup = store.collectGarbage(false);
        assertThat(cleanup.removals()).singleElement().satisfies(r -> assertThat(r.storeObject()).isFalse());
        assertThat(entries(storeRoot.resolve(".cairn/tmp"))).isEmpty();
        ObjectInfo added = store.add(source, "src");
        assertThat(store.verify(List.of(added.path()))).isEmpty();
    }

    @Test
    void twoProcessesAddingTheSameTreeEndWithOneValidObject() throws Exception {
        Path source = RandomTree.generate(temp.resolve("src"), 12, 150);
        Files.write(source.resolve("zzzz-large"), new byte[64 << 20]);
        Path storeRoot = temp.resolve("store");
        Store.open(storeRoot);

        Process first = AddInAnotherProcess.start(storeRoot, source, "src");
        Process second = AddInAnotherProcess.start(storeRoot, source, "src");
        String firstPath = output(first);
        String secondPath = output(second);

        assertThat(first.waitFor()).isZero();
        assertThat(second.waitFor()).isZero();
        assertThat(firstPath).isEqualTo(secondPath).startsWith("/cairn/store/");
        Store store = Store.open(storeRoot);
        assertThat(store.validPaths()).extracting(StorePath::toString).containsExactly(firstPath);
        assertThat(entries(storeRoot)).hasSize(2);
        assertThat(entries(storeRoot.resolve(".cairn/tmp"))).isEmpty();
        assertThat(store.verify(List.of())).isEmpty();
    }

    private static Path awaitCopyOf(Path storeRoot, String fileName, Process add) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && add.isAlive()) {
            Optional<Path> copy;
            try (Stream<Path> adds = Files.list(storeRoot.resolve(".cairn/tmp"))) {
                copy = adds.map(dir -> dir.resolve("object").resolve(fileName)).filter(Files::exists).findFirst();
            }
            if (copy.isPresent()) {
                return copy.get();
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the add never started copying " + fileName);
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
