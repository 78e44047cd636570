package dev.cairn.packaging.spec;

import dev.cairn.packaging.PackagingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A package built by a script: {@code shell} runs {@code script} in the sandbox, with the
 * source (if any) and the inputs on hand, and the script writes the package to {@code $out}.
 *
 * @param source a directory or file, or null: a script may build from its inputs alone
 * @param script the script's text, not blank
 * @param shell the program that runs the script, a command name on the build's {@code PATH};
 *     null means {@link #DEFAULT_SHELL}
 */
public record CommandBuild(
        String name,
        String version,
        Path source,
        List<String> exclude,
        List<BuildInput> inputs,
        Map<String, String> env,
        String script,
        String shell) implements PackageSpec {
    public static final String DEFAULT_SHELL = "bash";
    private static final Pattern COMMAND_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._-]*");

    public CommandBuild {
        Checks.nameAndVersion(name, version);
        exclude = SourceFilter.checked(exclude);
        Checks.source(source);
        inputs = Checks.inputs(inputs);
        env = Checks.env(env);
        Objects.requireNonNull(script, "script");
        if (script.isBlank()) {
            throw new PackagingException("the script is blank", "write the commands that build the package into $out");
        }
        shell = shell == null ? DEFAULT_SHELL : shell;
        if (!COMMAND_NAME.matcher(shell).matches()) {
            throw new PackagingException("shell '" + shell + "' is not a command name",
                    "name the program that runs the script, e.g. bash or sh; it is found on the build's PATH");
        }
    }

    @Override
    public String kind() {
        return "command";
    }

    @Override
    public List<String> tools() {
        return List.of();
    }

    @Override
    public List<String> builderExcludes() {
        return List.of();
    }

    @Override
    public List<String> requiredSourceFiles() {
        return List.of();
    }
}
