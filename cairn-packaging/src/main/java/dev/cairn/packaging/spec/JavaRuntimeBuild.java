package dev.cairn.packaging.spec;

import dev.cairn.packaging.PackagingException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Java runtime linked by {@code jlink} from a pinned JDK: only the modules a service needs,
 * instead of a whole JRE. Debian's JDK ships the {@code jmods} jlink reads; the runtime it makes
 * runs on the C and C++ libraries alone, where Debian's JRE package also depends on the desktop
 * libraries (CUPS, fonts, sound) of modules a service rarely loads.
 *
 * @param jdk the JDK, a Debian package request; null means {@link #DEFAULT_JDK}
 * @param modules the modules to link (jlink adds the modules they require), not empty
 * @param stripDebug whether jlink strips debug attributes from the classes
 */
public record JavaRuntimeBuild(
        String name,
        String version,
        List<BuildInput> inputs,
        Map<String, String> env,
        String jdk,
        List<String> modules,
        boolean stripDebug) implements PackageSpec.Sourceless {
    public static final String DEFAULT_JDK = "openjdk-17-jdk-headless";
    /** The tools jlink's script runs with besides the JDK. */
    public static final List<String> SHELL = List.of("bash", "coreutils");
    /** A module name: identifiers joined by dots. */
    private static final Pattern MODULE_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    public JavaRuntimeBuild {
        Checks.nameAndVersion(name, version);
        inputs = Checks.inputs(inputs);
        env = Checks.env(env);
        jdk = Checks.request("jdk", jdk == null ? DEFAULT_JDK : jdk);
        if (modules.isEmpty()) {
            throw new PackagingException("a Java runtime links no modules",
                    "list them, e.g. modules { \"java.base\"; \"jdk.httpserver\" }; "
                            + "`jdeps --print-module-deps` on the service's jars prints what it needs");
        }
        for (String module : modules) {
            if (!MODULE_NAME.matcher(module).matches()) {
                throw new PackagingException("'" + module + "' is not a Java module name",
                        "write module names as Java does, e.g. java.base or jdk.crypto.ec");
            }
        }
        modules = List.copyOf(new LinkedHashSet<>(modules));
    }




    @Override
    public String kind() {
        return "Java runtime";
    }

    /** The JDK as {@link #jdk} asks for it, and a shell for the script around jlink. */
    @Override
    public List<String> tools() {
        LinkedHashSet<String> tools = new LinkedHashSet<>(List.of(jdk));
        tools.addAll(SHELL);
        return List.copyOf(tools);
    }

}
