/**
 * What a package is, as the workspace declares it: a {@link dev.cairn.packaging.spec.PackageSpec}
 * of one of the builders' kinds (command, Maven, npm), its source and its
 * {@link dev.cairn.packaging.spec.BuildInput}s. Plain data, checked when made; building it is
 * the builders' job.
 */
package dev.cairn.packaging.spec;
