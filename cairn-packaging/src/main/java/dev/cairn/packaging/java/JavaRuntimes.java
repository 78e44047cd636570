package dev.cairn.packaging.java;

import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.packaging.spec.CommandBuild;
import dev.cairn.packaging.spec.JavaRuntimeBuild;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Java runtime's build runs, as a command build: {@code jlink} on the JDK's own
 * {@code jmods}, then the runtime copied to {@code $out}.
 *
 * <p>jlink refuses an output directory that exists, and the sandbox makes {@code $out} before
 * the build starts, so it links into {@code /build} first. No {@code --compress}: a layer is
 * compressed as a whole, and resources zipped inside {@code lib/modules} compress worse.
 * {@code lib/security/cacerts} is a link to {@code /etc/ssl/certs/java/cacerts}, as in Debian's
 * own JRE: an image holding {@code ca-certificates} has that trust store, made from its bundle.
 */
public final class JavaRuntimes {
    /** Where the runtime's trust store is, on a root filesystem with Debian's CA certificates. */
    public static final String SYSTEM_CACERTS = "/etc/ssl/certs/java/cacerts";

    private JavaRuntimes() {}

    /** The build as a command build: the tools as its first input, then what the package declares. */
    public static CommandBuild command(JavaRuntimeBuild spec) {
        List<BuildInput> inputs = new ArrayList<>();
        inputs.add(new BuildInput.DebianPackages(spec.tools()));
        inputs.addAll(spec.inputs());
        return new CommandBuild(spec.name(), spec.version(), null, List.of(), inputs, spec.env(), script(spec), null);
    }

    static String script(JavaRuntimeBuild spec) {
        List<String> jlink = new ArrayList<>(List.of("jlink", "--add-modules", String.join(",", spec.modules()),
                "--no-man-pages", "--no-header-files"));
        if (spec.stripDebug()) {
            // Not --strip-debug: on Linux it also strips native symbols with objcopy, which the
            // JDK's closure lacks, and Debian's libraries come stripped already.
            jlink.add("--strip-java-debug-attributes");
        }
        jlink.addAll(List.of("--output", "/build/runtime"));
        return String.join(" ", jlink) + "\n"
                + "cp -R /build/runtime/. \"$out/\"\n"
                + "rm -f \"$out/lib/security/cacerts\"\n"
                + "ln -s " + SYSTEM_CACERTS + " \"$out/lib/security/cacerts\"\n";
    }
}
