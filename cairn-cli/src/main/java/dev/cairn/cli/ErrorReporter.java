package dev.cairn.cli;

import dev.cairn.chart.ChartException;
import dev.cairn.image.ImageException;
import dev.cairn.inputs.InputsException;
import dev.cairn.oci.OciException;
import dev.cairn.operable.OperableException;
import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StoreException;
import dev.cairn.workspace.WorkspaceException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * Turns each layer's error into two lines a person can act on (what is wrong, what to do)
 * and exit code 1. Stack traces only with {@code --debug}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static final int FAILURE = 1;
    private final BooleanSupplier debug;

    ErrorReporter(BooleanSupplier debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        String hint = switch (e) {
            case StoreException store -> store.hint();
            case WorkspaceException workspace -> workspace.hint();
            case ImageException image -> image.hint();
            case OciException oci -> oci.hint();
            case InputsException inputs -> inputs.hint();
            case PackagingException packaging -> packaging.hint();
            case OperableException operable -> operable.hint();
            case ChartException chart -> chart.hint();
            case UncheckedIOException io -> "check the file named above and its permissions";
            default -> "";
        };
        String message = e instanceof UncheckedIOException io && io.getCause() != null
                ? io.getMessage() + ": " + io.getCause().getMessage()
                : e.getMessage();
        err.println("cairn: error: " + (message == null ? e.getClass().getSimpleName() : message));
        if (!hint.isEmpty()) {
            err.println("  hint: " + hint);
        }
        if (debug.getAsBoolean()) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }
}
