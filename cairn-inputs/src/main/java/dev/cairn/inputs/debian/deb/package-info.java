/**
 * Debian binary packages (.deb): reading them ({@link dev.cairn.inputs.debian.deb.DebArchive}),
 * and adding one to the store as two objects ({@link dev.cairn.inputs.debian.deb.DebExtractor}):
 * its files, named {@code <package>-<version>} ({@link dev.cairn.inputs.debian.deb.DebStoreName}
 * says how a version is made store-safe), and its control files, named
 * {@code <package>-<version>-control}. Extraction follows {@link dev.cairn.inputs.extract}'s
 * rules: a package with device nodes, FIFOs or paths leaving its root is refused; setuid,
 * setgid and sticky bits are dropped and reported. Maintainer scripts are never run.
 */
package dev.cairn.inputs.debian.deb;
