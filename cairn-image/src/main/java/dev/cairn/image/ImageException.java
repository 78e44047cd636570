package dev.cairn.image;

/** The image layer's one error type: what is wrong, naming the target or file, and what to do. */
public final class ImageException extends RuntimeException {
    private final String hint;

    public ImageException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public ImageException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public String hint() {
        return hint == null ? "" : hint;
    }
}
