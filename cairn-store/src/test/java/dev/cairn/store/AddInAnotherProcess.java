package dev.cairn.store;

import java.nio.file.Path;

/** {@code store add} in a JVM of its own, for tests that kill it or race two of them. */
public final class AddInAnotherProcess {
    private AddInAnotherProcess() {}

    public static void main(String[] args) {
        Store store = Store.open(Path.of(args[0]));
        System.out.println(store.add(Path.of(args[1]), args[2]).path());
    }

    static Process start(Path store, Path source, String name) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        AddInAnotherProcess.class.getName(), store.toString(), source.toString(), name)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
