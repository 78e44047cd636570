package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.control.Deb822;
import dev.cairn.inputs.debian.control.Paragraph;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A suite's Release file whose InRelease signature {@link InReleaseVerifier} has checked. Only
 * the verifier makes one, so holding a {@code Release} means its hashes can be trusted: it is
 * the root of the chain InRelease signature → Packages hash → .deb hash.
 */
public final class Release {
    private final RepositoryUri repository;
    private final String suite;
    private final String suiteField;
    private final String codename;
    private final Optional<Instant> date;
    private final Optional<Instant> validUntil;
    private final List<String> architectures;
    private final List<String> components;
    private final Map<String, IndexFile> sha256;
    private final boolean acquireByHash;
    private final List<String> signers;
    private final Sha256 inReleaseSha256;
    private final String source;

    private Release(RepositoryUri repository, String suite, Paragraph fields, Map<String, IndexFile> sha256,
                    List<String> signers, Sha256 inReleaseSha256, String source) {
        this.repository = repository;
        this.suite = suite;
        this.suiteField = fields.value("Suite");
        this.codename = fields.value("Codename");
        this.date = fields.get("Date").map(value -> parseDate(value, source, "Date"));
        this.validUntil = fields.get("Valid-Until").map(value -> parseDate(value, source, "Valid-Until"));
        this.architectures = words(fields.value("Architectures"));
        this.components = words(fields.value("Components"));
        this.sha256 = Collections.unmodifiableMap(sha256);
        this.acquireByHash = fields.value("Acquire-By-Hash").equalsIgnoreCase("yes");
        this.signers = List.copyOf(signers);
        this.inReleaseSha256 = inReleaseSha256;
        this.source = source;
    }

    /**
     * Parses the signed text of an InRelease. Package-private: a Release comes from
     * {@link InReleaseVerifier}, after the signature is checked.
     */
    static Release parse(String text, String source, RepositoryUri repository, String suite, List<String> signers,
                         Sha256 inReleaseSha256) {
        List<Paragraph> paragraphs = Deb822.parse(text, source, false);
        if (paragraphs.size() != 1) {
            throw new InputsException(source + ": a Release holds one paragraph, this one has " + paragraphs.size(),
                    "the file is damaged or not a Release; fetch it again");
        }
        Paragraph fields = paragraphs.get(0);
        if (fields.get("Suite").isEmpty() && fields.get("Codename").isEmpty()) {
            throw new InputsException(source + ": the Release names neither its Suite nor its Codename",
                    "the file is not a Debian Release file; check the repository URI and suite");
        }
        Optional<String> list = fields.get("SHA256");
        if (list.isEmpty()) {
            throw new InputsException(source + ": the Release has no SHA256 list",
                    "cairn trusts only SHA-256 (MD5 and SHA-1 are broken); use a repository that publishes SHA256");
        }
        return new Release(repository, suite, fields, parseHashes(list.get(), source), signers, inReleaseSha256, source);
    }

    private static Map<String, IndexFile> parseHashes(String list, String source) {
        Map<String, IndexFile> files = new LinkedHashMap<>();
        for (String line : list.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split("\\s+");
            long size;
            try {
                size = parts.length == 3 ? Long.parseLong(parts[1]) : -1;
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new InputsException(source + ": SHA256 line '" + line.strip() + "' is not 'hash size path'",
                        "the Release is damaged; fetch it again");
            }
            files.put(parts[2], new IndexFile(parts[2], size, Sha256.parse(parts[0], source + " SHA256 " + parts[2])));
        }
        return files;
    }

    /** Debian writes RFC 2822 dates, with {@code UTC} where Java expects {@code GMT}. */
    static Instant parseDate(String value, String source, String field) {
        String text = value.strip().replaceFirst(" (UTC|UT|Z)$", " GMT");
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputsException(source + ": " + field + " '" + value + "' is not a date like 'Sat, 21 Nov 2026 00:53:02 UTC'",
                    "the Release is damaged; fetch it again");
        }
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    /** The repository the Release was fetched from. */
    public RepositoryUri repository() {
        return repository;
    }

    /** The suite as asked for, which names the {@code dists/} directory (a codename or a suite). */
    public String suite() {
        return suite;
    }

    /** The Release's own {@code Suite} field (e.g. {@code stable}); may be empty. */
    public String suiteField() {
        return suiteField;
    }

    /** The Release's {@code Codename} field (e.g. a release's name); may be empty. */
    public String codename() {
        return codename;
    }

    public Optional<Instant> date() {
        return date;
    }

    public Optional<Instant> validUntil() {
        return validUntil;
    }

    public List<String> architectures() {
        return architectures;
    }

    public List<String> components() {
        return components;
    }

    /** The {@code SHA256} list, by path below {@code dists/<suite>/}, in the Release's order. */
    public Map<String, IndexFile> sha256() {
        return sha256;
    }

    public Optional<IndexFile> file(String path) {
        return Optional.ofNullable(sha256.get(path));
    }

    /** Whether the mirror also serves index files under {@code by-hash/SHA256/<hash>}. */
    public boolean acquireByHash() {
        return acquireByHash;
    }

    /** Fingerprints (uppercase hex) of the keys whose good signatures made this Release trusted. */
    public List<String> signers() {
        return signers;
    }

    /** The hash of the InRelease file as fetched, for provenance. */
    public Sha256 inReleaseSha256() {
        return inReleaseSha256;
    }

    /** Where the InRelease came from, for messages. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "Release[" + source + ", " + (codename.isEmpty() ? suiteField : codename) + ", signed by " + signers + "]";
    }
}
