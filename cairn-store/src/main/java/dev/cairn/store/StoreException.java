package dev.cairn.store;

/**
 * The store's one error type: a message naming the object or file concerned, and a hint
 * saying what the user can do about it.
 */
public final class StoreException extends RuntimeException {
    private final String hint;

    public StoreException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public StoreException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it; empty when there is nothing useful to say. */
    public String hint() {
        return hint == null ? "" : hint;
    }
}
