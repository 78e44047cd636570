package dev.cairn.packaging.sandbox;

import java.util.ArrayList;
import java.util.List;

/** A build run by a test: how it ended and every line of its log. */
record Run(SandboxResult result, List<String> lines) {
    static Run of(Sandbox sandbox, SandboxSpec spec) {
        List<String> lines = new ArrayList<>();
        SandboxResult result = sandbox.run(spec, lines::add);
        return new Run(result, List.copyOf(lines));
    }
}
