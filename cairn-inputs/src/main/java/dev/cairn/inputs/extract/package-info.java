/**
 * Safe extraction of archives into a fresh directory, for any archive cairn unpacks (.deb
 * data, source tarballs). An archive is data from elsewhere: nothing in it may write outside
 * the directory it is extracted into, and whatever cairn cannot represent faithfully in a
 * store object is refused by name rather than quietly changed.
 *
 * <p>Entry names are normalised ({@code ./usr/bin/x} becomes {@code usr/bin/x}). These are
 * <b>refused</b>, the error naming the archive and the entry, and the half-extracted
 * directory deleted:
 * <ul>
 *   <li>absolute names and names with a {@code ..} component, even ones that would stay
 *       inside ({@code usr/../etc}): no real archive needs them;</li>
 *   <li>an entry whose parent is a symlink or a file extracted earlier from the same
 *       archive: a symlink is never followed while extracting (the classic attack is
 *       {@code evil -> /outside} followed by {@code evil/x});</li>
 *   <li>a hard link whose target is not a regular file extracted earlier from the archive
 *       (absolute, escaping, not yet extracted, a symlink or a directory);</li>
 *   <li>character and block devices, FIFOs, sparse files and any other entry type: a store
 *       object holds directories, regular files and symlinks only, so a device node in a
 *       .deb (as in makedev) cannot be used; tar cannot hold sockets at all;</li>
 *   <li>a directory in place of a file or symlink extracted earlier, or anything in place of
 *       a directory that already has entries;</li>
 *   <li>names that are not valid UTF-8 (store objects hold UTF-8 names only);</li>
 *   <li>more entries or more uncompressed bytes than the {@link ExtractionLimits} allow,
 *       which is what stops a decompression bomb.</li>
 * </ul>
 * These are <b>neutralised</b>: setuid, setgid and sticky bits are dropped (the store drops
 * them too; {@link ExtractionReport#droppedSpecialBits()} lists where they were), ownership
 * and times are ignored (the store canonicalises both), files keep their permission bits
 * with owner read and write added, directories are created {@code 0755}-ish whatever the
 * archive says (the store makes them {@code 0555}). Symlink targets are kept verbatim,
 * absolute ones included: {@code /usr/bin/java -> /etc/alternatives/java} is meant to
 * resolve inside the image's root, not on this host. Duplicate entries: the later wins.
 */
package dev.cairn.inputs.extract;
