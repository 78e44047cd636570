package dev.cairn.oci;

/**
 * The OCI library's one error type: what went wrong, naming the blob, file, registry or
 * reference concerned, and a hint saying what to do about it.
 */
public class OciException extends RuntimeException {
    private final String hint;

    public OciException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public OciException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public String hint() {
        return hint == null ? "" : hint;
    }
}
