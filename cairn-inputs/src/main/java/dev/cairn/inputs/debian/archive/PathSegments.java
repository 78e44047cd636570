package dev.cairn.inputs.debian.archive;

import java.nio.charset.StandardCharsets;

/** Percent-encodes one path segment (RFC 3986 {@code pchar}), as Debian pool names may hold {@code +}, {@code ~} or {@code %}. */
final class PathSegments {
    private PathSegments() {}

    static String encode(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
