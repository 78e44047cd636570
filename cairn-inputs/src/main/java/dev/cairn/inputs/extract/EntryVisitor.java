package dev.cairn.inputs.extract;

import java.io.IOException;
import java.io.InputStream;

/** Receives an archive's entries in order, as {@link TarReader} reads them. */
@FunctionalInterface
public interface EntryVisitor {
    /**
     * @param content a regular file's bytes, to be read before returning (they are the
     *     archive's stream; closing it does nothing); empty for other entries
     */
    void visit(ArchiveEntry entry, InputStream content) throws IOException;
}
