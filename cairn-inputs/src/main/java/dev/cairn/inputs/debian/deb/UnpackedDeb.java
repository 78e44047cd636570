package dev.cairn.inputs.debian.deb;

import dev.cairn.inputs.extract.ExtractionReport;
import java.nio.file.Path;

/**
 * A package read and checked into scratch, not yet in the store.
 *
 * @param deb the package file, for messages
 * @param files its data, as dpkg would unpack it under /
 * @param controlTree its control file (and md5sums, conffiles, postinst)
 */
public record UnpackedDeb(Path deb, DebControl control, Path files, Path controlTree, ExtractionReport report) {}
