package dev.cairn.inputs.extract;

/**
 * Bounds on what one archive may expand to, so that a small compressed archive cannot fill
 * the disk, the heap (the extractor remembers every path) or the time of a build: a
 * decompression bomb. The defaults, 32 GiB and a million entries, are far above any Debian
 * package (the largest hold a few GiB and around a hundred thousand files).
 *
 * @param maxBytes the most bytes the uncompressed archive may have (contents and headers)
 * @param maxEntries the most entries it may have, directories and links included
 */
public record ExtractionLimits(long maxBytes, long maxEntries) {
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(32L << 30, 1_000_000);

    public ExtractionLimits {
        if (maxBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("extraction limits must be positive: " + maxBytes + " bytes, "
                    + maxEntries + " entries");
        }
    }

    public ExtractionLimits withMaxBytes(long bytes) {
        return new ExtractionLimits(bytes, maxEntries);
    }

    public ExtractionLimits withMaxEntries(long entries) {
        return new ExtractionLimits(maxBytes, entries);
    }
}
