package dev.cairn.inputs.debian.archive;

import dev.cairn.inputs.InputsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * An OpenPGP cleartext-signed message (RFC 4880 §7), as Debian's InRelease files are: the
 * framing taken apart, the signed bytes put back together exactly as the signer hashed them.
 *
 * <p>Strict where apt is strict, because text outside the signed part is text an attacker
 * may add: nothing may precede the {@code BEGIN PGP SIGNED MESSAGE} line or follow the
 * signature but blank lines; the only armor header is {@code Hash}; a body line starting
 * with {@code -} must be dash-escaped.
 *
 * @param text the signed text, dash-escaping undone and trailing whitespace removed (the
 *     form that was signed), lines ending in {@code \n}; only this may be used
 * @param signedBytes what the signature covers: the same lines in UTF-8 joined by CRLF, with
 *     no line ending after the last (that one belongs to the framing)
 * @param signatures the signature packets of the armored block; at least one
 */
record ClearSignedMessage(String text, byte[] signedBytes, List<PGPSignature> signatures) {
    private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";
    private static final Pattern HASH_HEADER = Pattern.compile("Hash: *[A-Za-z0-9-]+( *, *[A-Za-z0-9-]+)*");

    ClearSignedMessage {
        signatures = List.copyOf(signatures);
    }

    /** @param source names the file or URL in messages */
    static ClearSignedMessage parse(byte[] bytes, String source) {
        // ISO-8859-1 maps bytes to chars one to one, so the framing is taken apart without
        // decoding: the signed bytes are the file's own, whatever their encoding.
        List<String> lines = lines(new String(bytes, StandardCharsets.ISO_8859_1));
        int at = 0;
        if (lines.isEmpty() || !trimTrailing(lines.get(0)).equals(BEGIN_MESSAGE)) {
            throw malformed(source, 1, lines.isEmpty() ? "it is empty"
                    : "it does not start with " + BEGIN_MESSAGE + " (an unsigned Release, or not an InRelease at all)");
        }
        at++;
        for (; at < lines.size() && !trimTrailing(lines.get(at)).isEmpty(); at++) {
            if (!HASH_HEADER.matcher(trimTrailing(lines.get(at))).matches()) {
                throw malformed(source, at + 1, "armor header '" + lines.get(at) + "' is not a Hash: header");
            }
        }
        if (at == lines.size()) {
            throw malformed(source, at, "the armor headers never end");
        }
        at++;
        List<String> body = new ArrayList<>();
        for (; ; at++) {
            if (at == lines.size()) {
                throw malformed(source, at, "there is no " + BEGIN_SIGNATURE + " line: the file is cut short or unsigned");
            }
            String line = trimTrailing(lines.get(at));
            if (line.equals(BEGIN_SIGNATURE)) {
                break;
            }
            if (line.startsWith("- ")) {
                line = trimTrailing(line.substring(2));
            } else if (line.startsWith("-")) {
                throw malformed(source, at + 1, "line '" + line + "' starts with '-' but is not dash-escaped");
            }
            body.add(line);
        }
        int signatureStart = at;
        int signatureEnd = -1;
        for (at++; at < lines.size(); at++) {
            if (trimTrailing(lines.get(at)).equals(END_SIGNATURE)) {
                signatureEnd = at;
                break;
            }
        }
        if (signatureEnd < 0) {
            throw malformed(source, lines.size(), "the signature block has no " + END_SIGNATURE + " line");
        }
        for (at = signatureEnd + 1; at < lines.size(); at++) {
            if (!lines.get(at).isBlank()) {
                throw malformed(source, at + 1, "there is text after the signature, which nothing signs");
            }
        }
        String armored = String.join("\n", lines.subList(signatureStart, signatureEnd + 1)) + "\n";
        List<PGPSignature> signatures = signatures(armored.getBytes(StandardCharsets.ISO_8859_1), source);

        String signed = String.join("\r\n", body);
        byte[] signedBytes = signed.getBytes(StandardCharsets.ISO_8859_1);
        String text = body.isEmpty() ? "" : new String(String.join("\n", body).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8) + "\n";
        return new ClearSignedMessage(text, signedBytes, signatures);
    }

    private static List<PGPSignature> signatures(byte[] armored, String source) {
        List<PGPSignature> signatures = new ArrayList<>();
        try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored))) {
            byte[] packets = in.readAllBytes();
            BcPGPObjectFactory factory = new BcPGPObjectFactory(packets);
            for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
                if (!(object instanceof PGPSignatureList list)) {
                    throw new InputsException(source + ": the signature block holds a "
                            + object.getClass().getSimpleName() + ", not only signatures",
                            "the file is damaged or not an InRelease; fetch it again");
                }
                list.forEach(signatures::add);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputsException inputs) {
                throw inputs;
            }
            throw new InputsException(source + ": the signature block cannot be read ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")",
                    "the file is damaged or was changed in transit; fetch it again", e);
        }
        if (signatures.isEmpty()) {
            throw new InputsException(source + ": the signature block holds no signature",
                    "the file is damaged; fetch it again");
        }
        return signatures;
    }

    /** Splits on LF, dropping a CR before it: the canonical line ending is CRLF, files have either. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(start, end);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = end + 1;
        }
        return lines;
    }

    /** RFC 4880 §7.1: trailing spaces and tabs are not part of what is signed. */
    private static String trimTrailing(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static InputsException malformed(String source, int line, String what) {
        return new InputsException(source + ":" + line + ": not a valid clearsigned InRelease: " + what,
                "fetch it again; if it stays so, the mirror serves something else than a Debian repository");
    }
}
