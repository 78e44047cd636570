package dev.cairn.packaging;

/**
 * The packaging layer's one error type: what is wrong, naming the build, program or path
 * concerned (expected and actual), and a hint saying what to do.
 */
public final class PackagingException extends RuntimeException {
    private final String hint;

    public PackagingException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public PackagingException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it; empty when there is nothing useful to say. */
    public String hint() {
        return hint == null ? "" : hint;
    }
}
