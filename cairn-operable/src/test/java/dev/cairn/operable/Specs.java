package dev.cairn.operable;

import dev.cairn.packaging.spec.BuildInput;
import java.util.List;
import java.util.Optional;

/** Operable specs the tests write, small enough to read in place. */
final class Specs {
    private Specs() {}

    static OperableSpec operable(String name, String runtimeScript, EnvVariable... env) {
        return new OperableSpec(name, Optional.empty(), runtimeScript, List.of(env), List.of(), List.of(),
                Optional.empty(), Optional.empty());
    }

    static OperableSpec greeter() {
        return new OperableSpec("greeter", Optional.of(new BuildInput.PackageReference("//greeter/packages/greeter")),
                "exec greeter --port \"$PORT\" \"$@\"\n",
                List.of(new EnvVariable.WithDefault("PORT", "8080", "the port to listen on"),
                        new EnvVariable.WithDefault("GREETING", "Hello", ""),
                        new EnvVariable.Required("DATABASE_URL", "the JDBC URL of the greetings database")),
                List.of(new BuildInput.DebianPackages(List.of("openjdk-17-jre-headless"))),
                List.of(new BuildInput.DebianPackages(List.of("curl"))),
                Optional.empty(), Optional.empty());
    }
}
