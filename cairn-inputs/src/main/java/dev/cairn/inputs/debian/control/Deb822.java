package dev.cairn.inputs.debian.control;

import dev.cairn.inputs.InputsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Debian's control-file format (deb822): paragraphs of {@code Field: value} lines,
 * separated by blank lines, with continuation lines starting with a space or tab. Used for
 * Packages indexes, Release files, .deb control files and apt's .sources files.
 */
public final class Deb822 {
    private Deb822() {}

    /**
     * @param source names the text in error messages (a file or URL)
     * @param allowComments whether lines starting with '#' are comments (apt's .sources files)
     */
    public static List<Paragraph> parse(String text, String source, boolean allowComments) {
        List<Paragraph> paragraphs = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        String lastField = null;
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            int number = i + 1;
            if (allowComments && line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    paragraphs.add(new Paragraph(fields, start));
                    fields = new LinkedHashMap<>();
                    lastField = null;
                }
                continue;
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                if (lastField == null) {
                    throw malformed(source, number, "a continuation line with no field before it");
                }
                String continued = line.substring(1);
                fields.put(lastField, fields.get(lastField) + "\n" + (continued.equals(".") ? "" : continued));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed(source, number, "'" + line + "' is not a 'Field: value' line");
            }
            if (fields.isEmpty()) {
                start = number;
            }
            lastField = line.substring(0, colon);
            fields.put(lastField, line.substring(colon + 1).strip());
        }
        if (!fields.isEmpty()) {
            paragraphs.add(new Paragraph(fields, start));
        }
        return paragraphs;
    }

    private static InputsException malformed(String source, int line, String what) {
        return new InputsException(source + ":" + line + ": " + what,
                "the file is damaged or not a Debian control file; fetch it again");
    }
}
