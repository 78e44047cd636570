package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which hosts may be spoken to over plain HTTP: loopback ones (127.0.0.0/8, localhost, [::1])
 * and the registries the user named insecure. Everything else is HTTPS, including where a
 * registry redirects to and where its token realm is, since credentials travel there.
 */
final class TransportSecurity {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(?:\\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");

    private final Set<String> insecureRegistries;

    TransportSecurity(Set<String> insecureRegistries) {
        this.insecureRegistries = Set.copyOf(insecureRegistries);
    }

    /** {@code http} for loopback and insecure registries, {@code https} for the rest. */
    String schemeFor(String registry) {
        return plainHttpAllowed(registry) ? "http" : "https";
    }

    /** Refuses a plain-HTTP URI to a host that has not been allowed it, before any byte is sent. */
    void check(URI uri, String purpose) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (!scheme.equals("http")) {
            throw new OciException(purpose + " would go to " + uri + ", which is neither HTTPS nor HTTP",
                    "the registry's answer is unusable; report it to the registry's operator");
        }
        String authority = uri.getRawAuthority();
        if (!plainHttpAllowed(authority)) {
            String host = uri.getHost();
            throw new OciException(purpose + " would use plain HTTP to " + authority + ", which is not a loopback host",
                    "if you trust the network to " + host + ", allow it with --insecure-registry " + authority);
        }
    }

    boolean plainHttpAllowed(String authority) {
        if (insecureRegistries.contains(authority) || insecureRegistries.contains(hostOf(authority))) {
            return true;
        }
        return isLoopback(hostOf(authority));
    }

    static boolean isLoopback(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || lower.equals("[::1]") || lower.equals("::1")
                || IPV4_LOOPBACK.matcher(lower).matches();
    }

    /** The host of {@code host[:port]}, keeping an IPv6 literal's brackets. */
    static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
