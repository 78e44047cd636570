package dev.cairn.inputs;

/**
 * The inputs layer's one error type: what is wrong, naming the file, package, repository or
 * hash concerned (expected and actual), and a hint saying what to do.
 */
public final class InputsException extends RuntimeException {
    private final String hint;

    public InputsException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public InputsException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public String hint() {
        return hint == null ? "" : hint;
    }
}
