package dev.cairn.inputs.debian.archive;

/**
 * One line of a Release file's {@code SHA256} list: a file below {@code dists/<suite>/}
 * with the size and hash the signed Release promises for it.
 *
 * @param path relative to {@code dists/<suite>/}, e.g. {@code main/binary-amd64/Packages.xz}
 */
public record IndexFile(String path, long size, Sha256 sha256) {}
