package dev.cairn.operable;

/**
 * The operable layer's one error type: what is wrong, naming the operable and the variable,
 * input or probe concerned, and a hint saying what to do.
 */
public final class OperableException extends RuntimeException {
    private final String hint;

    public OperableException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public OperableException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it; empty when there is nothing useful to say. */
    public String hint() {
        return hint == null ? "" : hint;
    }
}
