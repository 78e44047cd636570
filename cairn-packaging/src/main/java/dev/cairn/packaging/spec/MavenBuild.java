package dev.cairn.packaging.spec;

import dev.cairn.packaging.PackagingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Maven project: {@code mvn -o -B extraArgs goals} in the sandbox on the source, with a JDK
 * and Maven that are Debian packages; its dependencies come as pinned inputs, never from the
 * network. The package holds the project's jar and a runtime classpath of store paths.
 *
 * @param source the directory holding {@code pom.xml}
 * @param goals the goals or phases run, in order, none an option; empty means
 *     {@link #DEFAULT_GOALS}
 * @param jdk the JDK, a Debian package request; null means {@link #DEFAULT_JDK}
 * @param maven Maven, a Debian package request; null means {@link #DEFAULT_MAVEN}
 * @param extraArgs more arguments for {@code mvn}, before the goals
 * @param mainClass the class {@code bin/<name>} runs, or null for no launcher
 */
public record MavenBuild(
        String name,
        String version,
        Path source,
        List<String> exclude,
        List<BuildInput> inputs,
        Map<String, String> env,
        List<String> goals,
        String jdk,
        String maven,
        List<String> extraArgs,
        String mainClass) implements PackageSpec {
    /** Maven's output directory, in every module: the build makes it afresh. */
    public static final String MAVEN_OUTPUT = "target/";
    public static final List<String> DEFAULT_GOALS = List.of("verify");
    public static final String DEFAULT_JDK = "openjdk-17-jdk-headless";
    public static final String DEFAULT_MAVEN = "maven";
    /** The shells and tools Maven's launcher, surefire (which forks through {@code /bin/sh}) and the build script run with. */
    public static final List<String> SHELL = List.of("bash", "coreutils", "dash");
    /** A Java binary name: identifiers joined by dots ({@code $} for nested classes). */
    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    /** What the source directory must hold. */
    public static final String POM = "pom.xml";

    public MavenBuild {
        Checks.nameAndVersion(name, version);
        exclude = SourceFilter.checked(exclude);
        Checks.source(Checks.requiredSource("Maven", source, POM));
        inputs = Checks.inputs(inputs);
        env = Checks.env(env);
        goals = goals.isEmpty() ? DEFAULT_GOALS : List.copyOf(goals);
        for (String goal : goals) {
            if (goal.isBlank() || goal.chars().anyMatch(Character::isWhitespace)) {
                throw new PackagingException("Maven goal '" + goal + "' is blank or has a space",
                        "list each goal or phase on its own, e.g. goals { \"clean\"; \"verify\" }");
            }
            if (goal.startsWith("-")) {
                throw new PackagingException("Maven goal '" + goal + "' is an option", "put options in extraArgs");
            }
        }
        jdk = Checks.request("jdk", jdk == null ? DEFAULT_JDK : jdk);
        maven = Checks.request("maven", maven == null ? DEFAULT_MAVEN : maven);
        extraArgs = Checks.arguments("extraArgs", extraArgs);
        if (mainClass != null && !CLASS_NAME.matcher(mainClass).matches()) {
            throw new PackagingException("mainClass '" + mainClass + "' is not a Java class name",
                    "write the fully qualified name, e.g. \"com.example.orders.Main\"");
        }
    }

    /** A Maven package without a launcher, as most libraries are. */
    public MavenBuild(String name, String version, Path source, List<String> exclude, List<BuildInput> inputs,
            Map<String, String> env, List<String> goals, String jdk, String maven, List<String> extraArgs) {
        this(name, version, source, exclude, inputs, env, goals, jdk, maven, extraArgs, null);
    }

    @Override
    public String kind() {
        return "Maven";
    }

    /**
     * The JDK, then Maven, then {@link #SHELL}: Debian's Maven is a shell script, and neither the
     * JDK's nor Maven's dependencies bring a shell (an image starts empty, Essential is not added).
     */
    @Override
    public List<String> tools() {
        List<String> tools = new java.util.ArrayList<>(List.of(jdk, maven));
        SHELL.stream().filter(tool -> !tools.contains(tool)).forEach(tools::add);
        return List.copyOf(tools);
    }

    @Override
    public List<String> builderExcludes() {
        return List.of(MAVEN_OUTPUT);
    }

    @Override
    public List<String> requiredSourceFiles() {
        return List.of(POM);
    }
}
