package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * apt's {@code Signed-By}: which keys may sign a repository's InRelease. Either keyring files
 * (absolute paths) and/or fingerprints selecting keys from them (from the default keyring
 * when no file is named), or an ASCII-armored key block written inline in a .sources file.
 *
 * @param keyrings keyring files, binary or ASCII-armored
 * @param fingerprints uppercase hex fingerprints; a trailing {@code !} accepts that key only,
 *     not the subkeys of a primary key (apt's meaning)
 * @param inlineKeys an ASCII-armored public key block, when the keys are written inline
 */
public record SignedBy(List<Path> keyrings, List<String> fingerprints, Optional<String> inlineKeys) {
    private static final Pattern FINGERPRINT = Pattern.compile("([0-9A-F]{40}|[0-9A-F]{64})!?");
    static final String KEY_BLOCK = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    public SignedBy {
        keyrings = List.copyOf(keyrings);
        fingerprints = List.copyOf(fingerprints);
        if (keyrings.isEmpty() && fingerprints.isEmpty() && inlineKeys.isEmpty()) {
            throw new IllegalArgumentException("Signed-By names no key");
        }
    }

    public static SignedBy keyring(Path file) {
        return new SignedBy(List.of(file), List.of(), Optional.empty());
    }

    /**
     * Parses a Signed-By value (the .sources field or the one-line {@code signed-by=} option).
     *
     * @param source the file and line, for the message
     */
    public static SignedBy parse(String value, String source) {
        String text = value.strip();
        if (text.contains(KEY_BLOCK)) {
            return new SignedBy(List.of(), List.of(), Optional.of(text + "\n"));
        }
        List<Path> keyrings = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        for (String token : text.split("[,\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            String fingerprint = token.replace(" ", "").toUpperCase(Locale.ROOT);
            if (token.startsWith("/")) {
                keyrings.add(Path.of(token));
            } else if (FINGERPRINT.matcher(fingerprint).matches()) {
                fingerprints.add(fingerprint);
            } else {
                throw new InputsException(source + ": Signed-By '" + token
                        + "' is neither an absolute keyring path, a full key fingerprint nor an inline key block",
                        "write e.g. Signed-By: /usr/share/keyrings/<name>.gpg (a short key ID is not enough)");
            }
        }
        if (keyrings.isEmpty() && fingerprints.isEmpty()) {
            throw new InputsException(source + ": Signed-By is empty",
                    "name the keyring that signs the repository, or remove the field to use the default keyring");
        }
        return new SignedBy(keyrings, fingerprints, Optional.empty());
    }
}
