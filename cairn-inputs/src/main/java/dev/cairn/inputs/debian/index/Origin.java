package dev.cairn.inputs.debian.index;

import dev.cairn.inputs.InputsException;

/**
 * Where a package record came from: the repository's name as the lock names it
 * ({@code debian}, {@code debian-security}) and the suite ({@code bookworm-updates}). The
 * same package version can come from several origins; the index keeps each.
 */
public record Origin(String repository, String suite) {
    public Origin {
        requireWord(repository, "repository name");
        requireWord(suite, "suite");
    }

    private static void requireWord(String value, String what) {
        if (value == null || value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new InputsException("'" + value + "' is not a " + what,
                    "a " + what + " is one word, e.g. debian or bookworm-security");
        }
    }

    @Override
    public String toString() {
        return repository + "/" + suite;
    }
}
