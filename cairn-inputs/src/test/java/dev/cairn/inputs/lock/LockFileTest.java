package dev.cairn.inputs.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
    @TempDir
    Path temp;

    static LockedPackage pkg(String name, String version) {
        return new LockedPackage(name, version, "amd64", "debian", "bookworm",
                "pool/main/" + name.charAt(0) + "/" + name + "/" + name + "_" + version + "_amd64.deb",
                "a".repeat(63) + name.length() % 10, 1000 + name.length());
    }

    private static Lock sample(boolean reversed) {
        LockedPackage libc = pkg("libc6", "2.36-9+deb12u14");
        LockedPackage hello = pkg("hello", "2.10-3");
        LockedPackage certs = pkg("ca-certificates", "20230311");
        Map<LockedSet, java.util.Collection<LockedPackage>> sets = new LinkedHashMap<>();
        List<String> helloRequest = reversed ? List.of("hello", "ca-certificates") : List.of("ca-certificates", "hello");
        sets.put(new LockedSet("amd64", helloRequest, List.of(hello.key(), libc.key(), certs.key())),
                reversed ? List.of(certs, libc, hello) : List.of(hello, libc, certs));
        sets.put(new LockedSet("amd64", List.of("libc6"), List.of(libc.key())), List.of(libc));
        return Lock.of(sets);
    }

    @Test
    void theSameResolutionWritesTheSameBytesWhateverTheOrder() throws IOException {
        Path one = temp.resolve("one.lock");
        Path two = temp.resolve("two.lock");
        LockFile.write(one, sample(false));
        LockFile.write(two, sample(true));

        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
        assertThat(Files.readString(one)).endsWith("}\n").contains("\"sha256\"").contains("\"lockVersion\" : 1");
        assertThat(LockFile.read(one)).isEqualTo(sample(false));
    }

    @Test
    void aNewLockIsReadableByAllAndARewrittenOneKeepsItsPermissions() throws IOException {
        Path file = temp.resolve("cairn.lock");
        LockFile.write(file, sample(false));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        LockFile.write(file, sample(true));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw-r--");
    }

    @Test
    void aRequestIsAnsweredOnlyByItsOwnSet() {
        Lock lock = sample(false);

        assertThat(lock.resolved("amd64", List.of("hello", "ca-certificates"))).get().asList().hasSize(3);
        assertThat(lock.resolved("amd64", List.of("hello"))).isEmpty();
        assertThat(lock.resolved("arm64", List.of("libc6"))).isEmpty();
    }

    @Test
    void damagedLocksAreRefusedNamingTheFile() throws IOException {
        Path bad = Files.writeString(temp.resolve("cairn.lock"), "{\"lockVersion\":1,\"debian\":{\"packages\":[{\"name\":\"x\"}]}}");
        Path future = Files.writeString(temp.resolve("future.lock"), "{\"lockVersion\":9}");
        Path badHash = temp.resolve("hash.lock");
        Files.writeString(badHash, new String(LockFile.bytes(sample(false))).replace("a".repeat(63), "Z".repeat(63)));

        assertThatThrownBy(() -> LockFile.read(bad)).isInstanceOf(InputsException.class).hasMessageContaining(bad.toString());
        assertThatThrownBy(() -> LockFile.read(future)).hasMessageContaining("lock format 9");
        assertThatThrownBy(() -> LockFile.read(badHash)).hasMessageContaining("SHA-256");
        assertThat(LockFile.read(temp.resolve("absent.lock"))).isEqualTo(Lock.empty());
    }

    @Test
    void aSetNamingAPackageOutsideTheTableIsRefused() {
        assertThatThrownBy(() -> new Lock(List.of(new LockedSet("amd64", List.of("x"), List.of("x=1"))), List.of()))
                .hasMessageContaining("x=1");
    }
}
