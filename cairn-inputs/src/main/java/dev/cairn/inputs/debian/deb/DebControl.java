package dev.cairn.inputs.debian.deb;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.control.Deb822;
import dev.cairn.inputs.debian.control.Paragraph;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a .deb's control member says about it: the control file (verbatim, and parsed), its
 * md5sums and conffiles when it has them, and the names of all the files in the member, so a
 * caller can see maintainer scripts (postinst, ...) that cairn does not run.
 *
 * @param text the control file exactly as in the package: what rootfs assembly writes to
 *     {@code /var/lib/dpkg/status.d/<package>}
 * @param postinst the postinst script, when there is one: cairn never runs it, but reads the
 *     {@code update-alternatives} calls in it to lay the links out declaratively
 * @param controlFiles the names of the regular files at the top of control.tar
 */
public record DebControl(String text, Paragraph paragraph, Optional<String> md5sums, Optional<String> conffiles,
        Optional<String> postinst, SortedSet<String> controlFiles) {
    /** Debian policy 5.6.1. */
    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
    /** dpkg's rule (parseversion): an optional numeric epoch, then these characters. */
    private static final Pattern VERSION = Pattern.compile("[0-9]+:[A-Za-z0-9.+~:-]+|[A-Za-z0-9.+~-]+");
    private static final Set<String> SCRIPTS = Set.of("preinst", "postinst", "prerm", "postrm", "config", "triggers");

    public DebControl {
        controlFiles = Collections.unmodifiableSortedSet(new TreeSet<>(controlFiles));
    }

    public String packageName() {
        return paragraph.value("Package");
    }

    public String version() {
        return paragraph.value("Version");
    }

    /** Empty when the control file has no Architecture field. */
    public String architecture() {
        return paragraph.value("Architecture");
    }

    /** The files dpkg would have tracked as configuration, one absolute path each. */
    public List<String> conffilePaths() {
        return conffiles.stream()
                .flatMap(String::lines)
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /** Maintainer scripts the package has; cairn does not run them, a caller may warn. */
    public SortedSet<String> maintainerScripts() {
        SortedSet<String> scripts = new TreeSet<>(controlFiles);
        scripts.retainAll(SCRIPTS);
        return Collections.unmodifiableSortedSet(scripts);
    }

    /**
     * Reads the control member's files.
     *
     * @param source names the package in messages
     * @param contents the bytes of control, md5sums, conffiles and postinst, those present
     * @param controlFiles the names of all regular files in the member
     */
    static DebControl parse(String source, Map<String, byte[]> contents, Set<String> controlFiles) {
        byte[] control = contents.get("control");
        if (control == null) {
            throw new InputsException(source + " has no control file in its control member",
                    "the package is damaged or was not built by dpkg-deb; fetch it again");
        }
        String text = utf8(source, "control", control);
        List<Paragraph> paragraphs = Deb822.parse(text, source + " (control)", false);
        if (paragraphs.size() != 1) {
            throw new InputsException(source + ": its control file has " + paragraphs.size()
                    + " paragraphs, where a package has exactly one",
                    "the package is damaged or was not built by dpkg-deb; fetch it again");
        }
        Paragraph paragraph = paragraphs.getFirst();
        require(source, paragraph, "Package", PACKAGE, "lower-case letters, digits, '+', '-' and '.'");
        require(source, paragraph, "Version", VERSION, "an optional numeric epoch and ':', then letters, digits, "
                + "'.', '+', '~', ':' and '-'");
        return new DebControl(text, paragraph,
                Optional.ofNullable(contents.get("md5sums")).map(bytes -> utf8(source, "md5sums", bytes)),
                Optional.ofNullable(contents.get("conffiles")).map(bytes -> utf8(source, "conffiles", bytes)),
                // Only read for update-alternatives lines; a stray byte in a comment must not refuse the package.
                Optional.ofNullable(contents.get("postinst")).map(bytes -> new String(bytes, StandardCharsets.UTF_8)),
                new TreeSet<>(controlFiles));
    }

    private static void require(String source, Paragraph paragraph, String field, Pattern pattern, String expected) {
        String value = paragraph.value(field);
        if (value.isEmpty()) {
            throw new InputsException(source + ": its control file has no " + field + " field",
                    "the package is damaged or was not built by dpkg-deb; fetch it again");
        }
        if (!pattern.matcher(value).matches()) {
            throw new InputsException(source + ": its control file's " + field + " '" + value + "' is not valid; expected "
                    + expected, "the package is damaged or was not built by dpkg-deb; fetch it again");
        }
    }

    private static String utf8(String source, String file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputsException(source + ": its " + file + " file is not valid UTF-8",
                    "Debian control files are UTF-8; the package is damaged, fetch it again");
        }
    }
}
