package dev.cairn.chart;

/** The chart layer's one error type: what is wrong, naming the chart, the environment or the file, and what to do. */
public final class ChartException extends RuntimeException {
    private final String hint;

    public ChartException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public ChartException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it; empty when there is nothing useful to say. */
    public String hint() {
        return hint == null ? "" : hint;
    }
}
