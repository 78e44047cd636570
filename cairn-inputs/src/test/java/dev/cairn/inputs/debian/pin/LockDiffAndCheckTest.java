package dev.cairn.inputs.debian.pin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.inputs.lock.LockedSet;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockDiffAndCheckTest {
    @TempDir
    Path temp;

    private static LockedPackage pkg(String name, String version, char hash) {
        return new LockedPackage(name, version, "amd64", "debian", "bookworm",
                "pool/main/" + name.charAt(0) + "/" + name + "/" + name + "_" + version + "_amd64.deb",
                String.valueOf(hash).repeat(64), 1000);
    }

    private static Lock lock(Map<List<String>, List<LockedPackage>> sets, Map<String, String> because) {
        Map<LockedSet, Collection<LockedPackage>> resolutions = new LinkedHashMap<>();
        sets.forEach((request, closure) -> resolutions.put(
                new LockedSet("amd64", request, closure.stream().map(LockedPackage::key).toList(), because), closure));
        return Lock.of(resolutions);
    }

    @Test
    void aDiffSaysWhatWasAddedRemovedAndUpgraded() {
        Lock before = lock(Map.of(List.of("app"), List.of(pkg("app", "1", 'a'), pkg("libc6", "2.36-9", 'b'),
                pkg("libold", "1", 'c'))), Map.of());
        Lock after = lock(Map.of(List.of("app"), List.of(pkg("app", "1", 'a'), pkg("libc6", "2.36-9+deb12u1", 'd'),
                pkg("libnew", "3", 'e'))), Map.of());

        assertThat(LockDiff.between(before, after).lines()).containsExactly(
                "~ libc6 2.36-9 -> 2.36-9+deb12u1 (amd64)",
                "+ libnew 3 (amd64)",
                "- libold 1 (amd64)");
        assertThat(LockDiff.between(after, after).isEmpty()).isTrue();
        assertThat(LockDiff.between(Lock.empty(), after).lines()).first().isEqualTo("+ set app (amd64)");
    }

    @Test
    void aFileThatChangesUnderTheSameVersionIsFlagged() {
        Lock before = lock(Map.of(List.of("app"), List.of(pkg("app", "1", 'a'))), Map.of());
        Lock after = lock(Map.of(List.of("app"), List.of(pkg("app", "1", 'f'))), Map.of());

        assertThat(LockDiff.between(before, after).lines()).singleElement().asString()
                .startsWith("! app 1 (amd64) is now debian/pool/main/a/app/app_1_amd64.deb sha256:ffff");
    }

    @Test
    void theCheckNamesMissingAndUnwantedSets() {
        Lock lock = lock(Map.of(List.of("app"), List.of(pkg("app", "1", 'a')), List.of("old"), List.of(pkg("old", "1", 'b'))),
                Map.of());
        List<RequestSet> wanted = List.of(new RequestSet("amd64", List.of("app"), List.of("//a/oci-images/x")),
                new RequestSet("amd64", List.of("nodejs"), List.of("//b/oci-images/y")));

        assertThat(LockCheck.problems(lock, wanted)).containsExactly(
                "no locked closure for nodejs (amd64), asked for by //b/oci-images/y",
                "the lock keeps old (amd64), which no target asks for any more");
        assertThat(LockCheck.problems(lock, List.of(new RequestSet("amd64", List.of("app"), List.of("t")),
                new RequestSet("amd64", List.of("old"), List.of("t"))))).isEmpty();
    }

    @Test
    void theLockAloneExplainsWhyAPackageIsThere() {
        Lock lock = lock(Map.of(List.of("app"), List.of(pkg("app", "1", 'a'), pkg("libcups2", "2", 'b'),
                pkg("libavahi", "3", 'c'))), Map.of("libcups2", "app", "libavahi", "libcups2"));
        Path file = temp.resolve("cairn.lock");
        LockFile.write(file, lock);
        LockedSet set = LockFile.read(file).sets().getFirst();

        assertThat(set.chainTo("libavahi")).containsExactly("app", "libcups2", "libavahi");
        assertThat(set.chainTo("app")).containsExactly("app");
        assertThat(set.chainTo("absent")).isEmpty();
    }
}
