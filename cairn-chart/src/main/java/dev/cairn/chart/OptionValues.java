package dev.cairn.chart;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a chart (as an environment amends it) gives the operable's options: values in its
 * {@code env}, Secret references in its {@code secretEnv}. Every required option must get one or
 * the other, and neither may name an option the operable does not declare: a misspelt name would
 * otherwise leave the real one at its default without a word (the hint lists the options).
 *
 * @param env the names the chart gives a value
 * @param secretEnv the names the chart takes from a Secret
 */
public record OptionValues(Set<String> env, Set<String> secretEnv) {
    public OptionValues {
        env = Set.copyOf(env);
        secretEnv = Set.copyOf(secretEnv);
    }

    /**
     * Checks these values against {@code input}'s options.
     *
     * @param chart the chart's address, for messages
     * @param environment the environment rendered, if any
     * @param environmentFile where the environment is written (or the chart block, without one), for hints
     */
    public void check(ChartInput input, String chart, Optional<String> environment, String environmentFile) {
        Set<String> declared = input.options().stream().map(ChartInput.Option::name).collect(Collectors.toSet());
        String where = chart + environment.map(env -> " in environment " + env).orElse("");
        for (String name : env.stream().sorted().toList()) {
            if (secretEnv.contains(name)) {
                throw new ChartException(where + ": " + name + " is set in both env and secretEnv",
                        "keep one of them in " + environmentFile);
            }
        }
        for (String name : sorted(env, secretEnv)) {
            if (!declared.contains(name)) {
                throw new ChartException(where + ": " + name + " is not an option of the operable that "
                        + input.image() + " runs",
                        "its options are " + input.options().stream().map(ChartInput.Option::name)
                                .collect(Collectors.joining(", ")) + "; a new one is declared in the operable's runtimeEnv");
            }
        }
        for (ChartInput.Option option : input.options()) {
            if (option.required() && !env.contains(option.name()) && !secretEnv.contains(option.name())) {
                throw new ChartException(where + ": the operable requires " + option.name()
                        + (option.description().isEmpty() ? "" : " (" + option.description() + ")")
                        + ", and " + environment.map(env -> "environment " + env).orElse("the chart")
                        + " gives it no value",
                        "set it in " + environmentFile + ": env { [\"" + option.name() + "\"] = \"…\" },"
                                + " or take it from a Secret: secretEnv { [\"" + option.name()
                                + "\"] { secret = \"…\"; key = \"…\" } }");
            }
        }
    }

    private static List<String> sorted(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().sorted().toList();
    }
}
