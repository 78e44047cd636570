package dev.cairn.packaging.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Node.js project: the integrity hashes of {@code package-lock.json} make its tarballs
 * pinned inputs, and the sandbox runs {@code npm ci --offline}, then {@code npm test} when
 * {@code runTests} and the package has tests. The package holds the app with its
 * {@code node_modules}.
 *
 * @param source the directory holding {@code package.json} and {@code package-lock.json}
 * @param nodejs Node.js and npm, Debian package requests; empty means {@link #DEFAULT_NODEJS}
 * @param runTests whether {@code npm test} runs (when {@code package.json} has a test script)
 */
public record NpmBuild(
        String name,
        String version,
        Path source,
        List<BuildInput> inputs,
        Map<String, String> env,
        List<String> nodejs,
        boolean runTests) implements PackageSpec {
    public static final List<String> DEFAULT_NODEJS = List.of("nodejs", "npm");
    /** What the source directory must hold: the manifest, and the lock whose hashes pin every tarball. */
    public static final List<String> REQUIRED_FILES = List.of("package.json", "package-lock.json");

    public NpmBuild {
        Checks.nameAndVersion(name, version);
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

    /** Node.js and npm, as {@link #nodejs} asks for them. */
    @Override
    public List<String> tools() {
        return nodejs;
    }

    @Override
    public List<String> requiredSourceFiles() {
        return REQUIRED_FILES;
    }
}
