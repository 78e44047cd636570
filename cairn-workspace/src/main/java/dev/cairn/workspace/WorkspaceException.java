package dev.cairn.workspace;

/**
 * The workspace layer's one error type: what is wrong, naming the workspace file, block or
 * target concerned, and a hint saying what the user can do about it.
 */
public final class WorkspaceException extends RuntimeException {
    private final String hint;

    public WorkspaceException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public WorkspaceException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it; empty when there is nothing useful to say. */
    public String hint() {
        return hint == null ? "" : hint;
    }
}
