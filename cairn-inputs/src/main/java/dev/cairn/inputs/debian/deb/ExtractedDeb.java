package dev.cairn.inputs.debian.deb;

import dev.cairn.inputs.extract.ExtractionReport;
import dev.cairn.store.ObjectInfo;

/**
 * A package added to the store.
 *
 * @param control what the package's control member says (package, version, scripts)
 * @param files the object holding the package's files, as dpkg would unpack them under /
 * @param controlObject the small object holding {@code control} (and {@code md5sums},
 *     {@code conffiles}, {@code postinst} when the package has them), verbatim: what rootfs assembly writes to
 *     {@code /var/lib/dpkg/status.d/<package>} and {@code <package>.md5sums}
 * @param report what extraction dropped (setuid and similar bits) and how much it wrote
 */
public record ExtractedDeb(DebControl control, ObjectInfo files, ObjectInfo controlObject, ExtractionReport report) {}
