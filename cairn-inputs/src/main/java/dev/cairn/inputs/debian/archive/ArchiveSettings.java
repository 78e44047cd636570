package dev.cairn.inputs.debian.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where Debian packages come from and how their indexes are trusted, as the workspace says
 * ({@code debian} in {@code cairn.pkl}) or, by default, as the machine's apt does.
 *
 * @param repositories the workspace's repositories, in the order ties are broken; empty to
 *     use the machine's apt sources ({@link NamedSource#fromApt})
 * @param keyring the keys that sign a repository without its own Signed-By; empty for
 *     {@link Keyring#DEBIAN_ARCHIVE}
 * @param checkValidUntil whether an InRelease past its {@code Valid-Until} is refused (apt's
 *     {@code Acquire::Check-Valid-Until}); off only to lock against a snapshot of the archive
 */
public record ArchiveSettings(List<NamedSource> repositories, Optional<Path> keyring, boolean checkValidUntil) {
    public ArchiveSettings {
        repositories = List.copyOf(repositories);
    }

    /** The machine's apt sources and keyring, expired indexes refused. */
    public static ArchiveSettings machine() {
        return new ArchiveSettings(List.of(), Optional.empty(), true);
    }

    /** The repositories to use: the workspace's, else the machine's apt sources read now. */
    public List<NamedSource> resolveRepositories() {
        return repositories.isEmpty() ? NamedSource.fromApt(AptSources.read()) : repositories;
    }
}
