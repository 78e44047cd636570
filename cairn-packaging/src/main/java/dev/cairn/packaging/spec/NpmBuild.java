package dev.cairn.packaging.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Node.js project: the integrity hashes of {@code package-lock.json} make its tarballs
 * pinned inputs; cairn lays out {@code node_modules} from them itself (npm is not used: Debian's
 * {@code npm} pulls in some 400 packages), runs the {@code build} script, then the {@code test}
 * script when {@code runTests} and the package has one. The package holds the app with its
 * production {@code node_modules} ({@code dev.cairn.packaging.npm.NpmDerivations}).
 *
 * @param source the directory holding {@code package.json} and {@code package-lock.json}
 * @param nodejs Node.js, Debian package requests; empty means {@link #DEFAULT_NODEJS}
 * @param runTests whether the {@code test} script runs (when {@code package.json} has one)
 */
public record NpmBuild(
        String name,
        String version,
        Path source,
        List<String> exclude,
        List<BuildInput> inputs,
        Map<String, String> env,
        List<String> nodejs,
        boolean runTests) implements PackageSpec {
    /** A checkout's own packages: the builder lays out node_modules from the lock itself. */
    public static final String NODE_MODULES = "node_modules/";
    /** Node.js alone: the builder is cairn's, not npm (whose Debian package brings some 400 more). */
    public static final List<String> DEFAULT_NODEJS = List.of("nodejs");
    /** What the builder needs besides Node.js: bash runs it and the package's scripts, coreutils lays out files. */
    public static final List<String> BUILDER_TOOLS = List.of("bash", "coreutils");
    /** What the source directory must hold: the manifest, and the lock whose hashes pin every tarball. */
    public static final List<String> REQUIRED_FILES = List.of("package.json", "package-lock.json");

    public NpmBuild {
        Checks.nameAndVersion(name, version);
        exclude = SourceFilter.checked(exclude);
        Checks.source(Checks.requiredSource("npm", source, String.join(" and ", REQUIRED_FILES)));
        inputs = Checks.inputs(inputs);
        env = Checks.env(env);
        nodejs = nodejs.isEmpty() ? DEFAULT_NODEJS : List.copyOf(nodejs);
        for (String request : nodejs) {
            Checks.request("nodejs", request);
        }
    }

    @Override
    public String kind() {
        return "npm";
    }

    /** Node.js, as {@link #nodejs} asks for it, and the {@link #BUILDER_TOOLS}. */
    @Override
    public List<String> tools() {
        java.util.LinkedHashSet<String> tools = new java.util.LinkedHashSet<>(nodejs);
        tools.addAll(BUILDER_TOOLS);
        return List.copyOf(tools);
    }

    @Override
    public List<String> builderExcludes() {
        return List.of(NODE_MODULES);
    }

    @Override
    public List<String> requiredSourceFiles() {
        return REQUIRED_FILES;
    }
}
