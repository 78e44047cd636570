package dev.cairn.inputs.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that notices names which are not valid UTF-8. commons-compress decodes
 * header names with replacement, turning an invalid byte into '?', so "caf\xe9" and "caf?"
 * would become the same file silently. This watches the raw header fields and GNU long
 * names as they are read; pax names are decoded with U+FFFD, which {@link EntryPath} refuses.
 */
final class StrictTarInputStream extends TarArchiveInputStream {
    private static final int NAME = 0;
    private static final int NAME_LENGTH = 100;
    private static final int LINK_NAME = 157;
    private static final int MAGIC = 257;
    private static final int PREFIX = 345;
    private static final int PREFIX_LENGTH = 155;
    private static final byte[] POSIX_MAGIC = {'u', 's', 't', 'a', 'r', 0};

    private boolean invalidName;

    StrictTarInputStream(InputStream in) {
        super(in, StandardCharsets.UTF_8.name());
    }

    TarArchiveEntry next() throws IOException {
        invalidName = false;
        return getNextEntry();
    }

    /** Whether a name read for the last entry had bytes that are not UTF-8. */
    boolean hadInvalidName() {
        return invalidName;
    }

    @Override
    protected byte[] readRecord() throws IOException {
        byte[] record = super.readRecord();
        if (record != null && record.length >= PREFIX + PREFIX_LENGTH) {
            check(record, NAME, NAME_LENGTH);
            check(record, LINK_NAME, NAME_LENGTH);
            // Only POSIX ustar has a name prefix there; old GNU headers keep times in it.
            if (ByteBuffer.wrap(record, MAGIC, POSIX_MAGIC.length).equals(ByteBuffer.wrap(POSIX_MAGIC))) {
                check(record, PREFIX, PREFIX_LENGTH);
            }
        }
        return record;
    }

    @Override
    protected byte[] getLongNameData() throws IOException {
        byte[] data = super.getLongNameData();
        if (data != null) {
            check(data, 0, data.length);
        }
        return data;
    }

    private void check(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, end - offset));
        } catch (CharacterCodingException e) {
            invalidName = true;
        }
    }
}
