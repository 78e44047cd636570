package dev.cairn.inputs.lock;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cairn.inputs.InputsException;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What one Maven package's build needs, as its locking run found it: the repository files
 * (paths into the lock's file table), the runtime classpath, and the fingerprint of the poms it
 * was locked from, so a pom changed afterwards is caught as a stale lock rather than built with
 * the wrong inputs.
 *
 * <p>The classpath is Maven's answer for the locked poms, so it is recorded once here rather than
 * asked of Maven (its dependency plugin) in every build: the answer cannot change while the poms
 * and the files do not.
 *
 * @param target the package's address, {@code //cell/packages/name}
 * @param poms the SHA-256 of the source's pom files (see {@code PomFingerprint})
 * @param files the repository paths the build needs, sorted
 * @param classpath the repository paths of the runtime classpath, in Maven's order; null in a
 *     lock written before cairn recorded it (such a lock needs `cairn lock` again)
 */
@JsonPropertyOrder({"target", "poms", "classpath", "files"})
public record LockedMavenProject(
        @JsonProperty("target") String target,
        @JsonProperty("poms") String poms,
        @JsonProperty("classpath") List<String> classpath,
        @JsonProperty("files") List<String> files) implements Comparable<LockedMavenProject> {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public LockedMavenProject {
        if (target == null || !target.startsWith("//")) {
            throw new InputsException("a locked Maven project names no target (" + target + ")",
                    "run `cairn lock` to write the lock again");
        }
        if (poms == null || !SHA256.matcher(poms).matches()) {
            throw new InputsException("the locked Maven project " + target + " has no pom fingerprint",
                    "run `cairn lock` to write the lock again");
        }
        files = List.copyOf(new TreeSet<>(files == null ? List.of() : files));
        if (classpath != null) {
            classpath = List.copyOf(classpath);
            for (String entry : classpath) {
                if (!files.contains(entry)) {
                    throw new InputsException("the locked Maven project " + target + " has " + entry
                            + " on its classpath but not among its files", "run `cairn lock` to write the lock again");
                }
            }
        }
    }

    @Override
    public int compareTo(LockedMavenProject other) {
        return target.compareTo(other.target);
    }
}
