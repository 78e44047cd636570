package dev.cairn.oci.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A registry's {@code WWW-Authenticate} answer to a 401: its scheme and auth-params (RFC 7235),
 * e.g. {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"}.
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {
    AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        parameters = Map.copyOf(parameters);
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Parses the first challenge of a header; empty when there is none. */
    static Optional<AuthChallenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Parser parser = new Parser(header);
        String scheme = parser.token();
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new TreeMap<>();
        while (true) {
            parser.skip(' ', ',');
            int mark = parser.position;
            String name = parser.token();
            if (name.isEmpty() || !parser.accept('=')) {
                // Either the end, or the next challenge's scheme: this one is complete.
                parser.position = mark;
                break;
            }
            parameters.put(name.toLowerCase(Locale.ROOT), parser.value());
        }
        return Optional.of(new AuthChallenge(scheme, parameters));
    }

    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        void skip(char... characters) {
            outer:
            while (position < text.length()) {
                for (char c : characters) {
                    if (text.charAt(position) == c) {
                        position++;
                        continue outer;
                    }
                }
                return;
            }
        }

        String token() {
            skip(' ');
            int start = position;
            while (position < text.length() && isTokenChar(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        boolean accept(char c) {
            skip(' ');
            if (position < text.length() && text.charAt(position) == c) {
                position++;
                skip(' ');
                return true;
            }
            return false;
        }

        String value() {
            if (position < text.length() && text.charAt(position) == '"') {
                StringBuilder value = new StringBuilder();
                position++;
                while (position < text.length() && text.charAt(position) != '"') {
                    char c = text.charAt(position++);
                    if (c == '\\' && position < text.length()) {
                        c = text.charAt(position++);
                    }
                    value.append(c);
                }
                position++;
                return value.toString();
            }
            int start = position;
            while (position < text.length() && text.charAt(position) != ',') {
                position++;
            }
            return text.substring(start, position).trim();
        }

        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
    }
}
