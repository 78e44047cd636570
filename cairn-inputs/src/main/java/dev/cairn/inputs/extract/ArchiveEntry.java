package dev.cairn.inputs.extract;

/**
 * One entry of an archive, already checked: its path cannot leave the root, and its kind is
 * one a store object can hold. Anything else (devices, FIFOs, sparse files) never becomes
 * an {@code ArchiveEntry}; the reader refuses it by name.
 */
public sealed interface ArchiveEntry {
    /** The entry's name as the archive spells it, for messages. */
    String name();

    EntryPath path();

    /** @param mode the permission bits as the archive has them, special bits included */
    record Directory(String name, EntryPath path, int mode) implements ArchiveEntry {}

    /** @param mode the permission bits as the archive has them, special bits included */
    record RegularFile(String name, EntryPath path, int mode, long size) implements ArchiveEntry {}

    /** @param target kept exactly as the archive has it; absolute targets point into the image */
    record Symlink(String name, EntryPath path, String target) implements ArchiveEntry {}

    /** A second name for a regular file that came earlier in the archive. */
    record HardLink(String name, EntryPath path, EntryPath target, int mode) implements ArchiveEntry {}
}
