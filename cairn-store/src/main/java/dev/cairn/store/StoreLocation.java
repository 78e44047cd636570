package dev.cairn.store;

import java.nio.file.Path;
import java.util.Map;

/** Where the store lies on this host: {@code CAIRN_STORE}, else the user's cache directory. */
public final class StoreLocation {
    private StoreLocation() {}

    public static Path fromEnvironment(Map<String, String> environment, Path home) {
        String explicit = environment.get("CAIRN_STORE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        return cairnCache(environment, home).resolve("store");
    }

    /** cairn's cache directory, where the store lives by default: {@code $XDG_CACHE_HOME/cairn} or {@code ~/.cache/cairn}. */
    public static Path cairnCache(Map<String, String> environment, Path home) {
        String cache = environment.get("XDG_CACHE_HOME");
        Path cacheHome = cache != null && cache.startsWith("/") ? Path.of(cache) : home.resolve(".cache");
        return cacheHome.resolve("cairn");
    }

    public static Path fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
