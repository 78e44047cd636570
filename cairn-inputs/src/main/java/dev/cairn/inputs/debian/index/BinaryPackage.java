package dev.cairn.inputs.debian.index;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.control.Paragraph;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One record of a Packages index: a binary package version of one architecture, with its
 * relations parsed and the file that holds it ({@code Filename}, {@code Size}, {@code SHA256},
 * relative to the repository's root).
 *
 * @param architecture an architecture name or {@code all}
 * @param priority empty when the record has none
 * @param section empty when the record has none
 * @param source the source package it was built from; the record's own name and version when
 *     the index does not say
 * @param origin the repository and suite whose index listed it
 */
public record BinaryPackage(
        String name,
        DebianVersion version,
        String architecture,
        MultiArch multiArch,
        boolean essential,
        Optional<Priority> priority,
        String section,
        Relations preDepends,
        Relations depends,
        Relations provides,
        Relations conflicts,
        Relations breaks,
        Relations replaces,
        Source source,
        String filename,
        long size,
        String sha256,
        Origin origin) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SOURCE = Pattern.compile("(\\S+)(?:\\s*\\((\\S+)\\))?");

    /** The source package a binary was built from ({@code Source: glibc (2.36-9)}). */
    public record Source(String name, DebianVersion version) {
        @Override
        public String toString() {
            return name + " " + version;
        }
    }

    /**
     * Reads one Packages record.
     *
     * @param source names the index in error messages (a file or URL)
     */
    public static BinaryPackage fromParagraph(Paragraph record, Origin origin, String source) {
        String name = record.value("Package");
        String where = source + ":" + record.line() + (name.isEmpty() ? "" : " (package " + name + ")");
        try {
            String versionText = required(record, "Version");
            DebianVersion version = DebianVersion.parse(versionText);
            String architecture = required(record, "Architecture");
            Relation.requireName(required(record, "Package"));
            String size = required(record, "Size");
            String sha256 = required(record, "SHA256");
            if (!SHA256.matcher(sha256).matches()) {
                throw new InputsException("SHA256 '" + sha256 + "' is not 64 lowercase hex digits", null);
            }
            long bytes;
            try {
                bytes = Long.parseLong(size);
            } catch (NumberFormatException e) {
                throw new InputsException("Size '" + size + "' is not a number", null);
            }
            return new BinaryPackage(
                    name,
                    version,
                    architecture,
                    MultiArch.parse(record.value("Multi-Arch")),
                    record.value("Essential").equalsIgnoreCase("yes"),
                    record.get("Priority").filter(value -> !value.isBlank()).map(Priority::parse),
                    record.value("Section"),
                    relations(record, RelationField.PRE_DEPENDS),
                    relations(record, RelationField.DEPENDS),
                    relations(record, RelationField.PROVIDES),
                    relations(record, RelationField.CONFLICTS),
                    relations(record, RelationField.BREAKS),
                    relations(record, RelationField.REPLACES),
                    source(record.value("Source"), name, version),
                    required(record, "Filename"),
                    bytes,
                    sha256,
                    origin);
        } catch (InputsException e) {
            throw new InputsException(where + ": " + e.getMessage(),
                    "the index is damaged or not a Debian Packages file; fetch it again", e);
        }
    }

    /** {@code name:architecture}, the key dpkg knows an installed package by. */
    public String key() {
        return name + ":" + architecture;
    }

    /** The relations of one field. */
    public Relations relations(RelationField field) {
        return switch (field) {
            case PRE_DEPENDS -> preDepends;
            case DEPENDS -> depends;
            case PROVIDES -> provides;
            case CONFLICTS -> conflicts;
            case BREAKS -> breaks;
            case REPLACES -> replaces;
            case RECOMMENDS, SUGGESTS, ENHANCES -> Relations.none(); // not kept: never resolved
        };
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + architecture + ", " + origin + ")";
    }

    private static String required(Paragraph record, String field) {
        String value = record.value(field);
        if (value.isBlank()) {
            throw new InputsException("the record has no " + field, null);
        }
        return value.strip();
    }

    private static Relations relations(Paragraph record, RelationField field) {
        return Relations.parse(record.value(field.fieldName()), field);
    }

    private static Source source(String field, String name, DebianVersion version) {
        if (field.isBlank()) {
            return new Source(name, version);
        }
        Matcher matcher = SOURCE.matcher(field.strip());
        if (!matcher.matches()) {
            throw new InputsException("Source '" + field + "' is not 'name' or 'name (version)'", null);
        }
        return new Source(matcher.group(1),
                matcher.group(2) == null ? version : DebianVersion.parse(matcher.group(2)));
    }
}
