package dev.cairn.inputs.extract;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an extraction did.
 *
 * @param entries how many entries the archive had
 * @param bytes how many bytes of regular files were written
 * @param droppedSpecialBits the paths that had setuid, setgid or sticky bits in the archive,
 *     with the archive's permission bits ({@code 04755} for a setuid program): they are not
 *     in the extracted tree, and a later step that wants them back knows where they were
 */
public record ExtractionReport(long entries, long bytes, SortedMap<String, Integer> droppedSpecialBits) {
    public ExtractionReport {
        droppedSpecialBits = Collections.unmodifiableSortedMap(new TreeMap<>(droppedSpecialBits));
    }
}
