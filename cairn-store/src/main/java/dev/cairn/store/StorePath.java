package dev.cairn.store;

import java.util.regex.Pattern;

/**
 * A store object's name: {@code /cairn/store/<hash>-<name>}, the hash being 32 characters
 * of Nix base-32. This is the logical path builds and containers see; where the object
 * lies on the host is the store's business ({@link Store#physicalPath}).
 */
public record StorePath(String hashPart, String name) implements Comparable<StorePath> {
    public static final String STORE_DIR = "/cairn/store";
    public static final int HASH_LENGTH = 32;
    /** Nix's limit, so that every cairn path is also a valid Nix path. */
    public static final int MAX_NAME_LENGTH = 211;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+\\-._?=]+");

    public StorePath {
        if (hashPart.length() != HASH_LENGTH || !hashPart.chars().allMatch(NixBase32::isDigit)) {
            throw new StoreException("'" + hashPart + "' is not a store hash",
                    "a store hash is 32 characters of 0-9 and a-z without e, o, t and u");
        }
        validateName(name);
    }

    /** Accepts {@code /cairn/store/<hash>-<name>} or the bare {@code <hash>-<name>}. */
    public static StorePath parse(String text) {
        String base = text;
        if (text.startsWith(STORE_DIR + "/")) {
            base = text.substring(STORE_DIR.length() + 1);
        } else if (text.startsWith("/")) {
            throw new StoreException("'" + text + "' is not under " + STORE_DIR,
                    "name a store object as " + STORE_DIR + "/<hash>-<name> or <hash>-<name>");
        }
        if (base.length() < HASH_LENGTH + 2 || base.charAt(HASH_LENGTH) != '-' || base.contains("/")) {
            throw new StoreException("'" + text + "' is not a store path",
                    "name a store object as " + STORE_DIR + "/<hash>-<name> or <hash>-<name>");
        }
        return new StorePath(base.substring(0, HASH_LENGTH), base.substring(HASH_LENGTH + 1));
    }

    /** Fails with a message saying which character or rule the name breaks. */
    public static void validateName(String name) {
        String hint = "a store name has 1 to " + MAX_NAME_LENGTH
                + " characters from A-Z a-z 0-9 + - . _ ? = and does not start with '.'; pass --name to choose one";
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new StoreException("store name '" + name + "' has " + name.length() + " characters", hint);
        }
        if (name.startsWith(".")) {
            throw new StoreException("store name '" + name + "' starts with '.'", hint);
        }
        if (!NAME.matcher(name).matches()) {
            String bad = name.codePoints()
                    .filter(c -> !NAME.matcher(Character.toString(c)).matches())
                    .mapToObj(Character::toString)
                    .distinct()
                    .reduce("", String::concat);
            throw new StoreException("store name '" + name + "' contains '" + bad + "'", hint);
        }
    }

    public String baseName() {
        return hashPart + "-" + name;
    }

    @Override
    public String toString() {
        return STORE_DIR + "/" + baseName();
    }

    @Override
    public int compareTo(StorePath other) {
        return baseName().compareTo(other.baseName());
    }
}
