package dev.cairn.workspace;

import static dev.cairn.workspace.PklValues.list;
import static dev.cairn.workspace.PklValues.map;
import static dev.cairn.workspace.PklValues.string;
import static dev.cairn.workspace.PklValues.stringMap;
import static dev.cairn.workspace.PklValues.strings;

import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.packaging.spec.CommandBuild;
import dev.cairn.packaging.spec.JavaRuntimeBuild;
import dev.cairn.packaging.spec.Fetch;
import dev.cairn.packaging.spec.MavenBuild;
import dev.cairn.packaging.spec.NpmBuild;
import dev.cairn.packaging.spec.PackageSpec;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pkl.core.Composite;

/**
 * Turns an evaluated {@code packages.pkl} into package targets. Pkl has already checked the
 * types and constraints of {@code cairn:Packages}; what is left is what Pkl cannot see: that
 * sources exist, stay inside the workspace and hold what their kind builds from, that a
 * reference is a package's address, the store path's own rules, and what the packaging model
 * checks itself (a Maven or npm build has a source, versions that can name an output, Debian
 * versions that are versions). Whether a referenced package exists is the workspace's to say
 * ({@link Workspace#dependencies}): it may be in a block not evaluated yet.
 */
final class PackagesBlock {
    private static final URI SCHEMA = URI.create(BlockType.PACKAGES.schemaModule());

    private final Path root;
    private final Block block;
    private final String blockName;

    /**
     * @param root the workspace root, a real path
     * @param blockName the block file as messages name it, relative to the root
     */
    PackagesBlock(Path root, Block block, String blockName) {
        this.root = root;
        this.block = block;
        this.blockName = blockName;
    }

    List<Target> targets(Composite module) {
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map(module, "packages").entrySet()) {
            TargetAddress address = block.target(entry.getKey());
            targets.add(new PackageTarget(address, block.file(), spec(address, (Composite) entry.getValue())));
        }
        return targets;
    }

    private PackageSpec spec(TargetAddress address, Composite declared) {
        String where = address + " (" + blockName + "): ";
        String version = string(declared, "version");
        if (PklValues.isA(declared, SCHEMA, "Fetch")) {
            try {
                return new Fetch(address.name(), version, string(declared, "repository"), string(declared, "path"),
                        Fetch.layout((Boolean) declared.get("unpack"), ((Long) declared.get("stripComponents")).intValue(),
                                stringMap(declared, "bin")));
            } catch (PackagingException e) {
                throw new WorkspaceException(where + e.getMessage(), e.hint(), e);
            }
        }
        String sourceText = string(declared, "source");
        Path source = sourceText == null ? null : source(where, sourceText);
        List<String> exclude = exclude(strings(declared, "exclude"), source);
        List<BuildInput> inputs = inputs(address, where, list(declared, "inputs"));
        Map<String, String> env = stringMap(declared, "env");
        PackageSpec spec;
        try {
            if (PklValues.isA(declared, SCHEMA, "Maven")) {
                spec = new MavenBuild(address.name(), version, source, exclude, inputs, env, strings(declared, "goals"),
                        string(declared, "jdk"), string(declared, "maven"), strings(declared, "extraArgs"),
                        string(declared, "mainClass"));
            } else if (PklValues.isA(declared, SCHEMA, "Npm")) {
                spec = new NpmBuild(address.name(), version, source, exclude, inputs, env, strings(declared, "nodejs"),
                        (Boolean) declared.get("runTests"));
            } else if (PklValues.isA(declared, SCHEMA, "JavaRuntime")) {
                if (sourceText != null) {
                    throw new WorkspaceException(where + "a Java runtime is linked from its JDK alone and has no source",
                            "remove source; list the modules it links in modules { … }");
                }
                spec = new JavaRuntimeBuild(address.name(), version, inputs, env, string(declared, "jdk"),
                        strings(declared, "modules"), (Boolean) declared.get("stripDebug"));
            } else if (PklValues.isA(declared, SCHEMA, "Command")) {
                spec = new CommandBuild(address.name(), version, source, exclude, inputs, env, string(declared, "script"),
                        string(declared, "shell"));
            } else {
                // Build is abstract and its module is not open: no other class can get here.
                throw new IllegalStateException("unknown kind of package " + declared.getClassInfo());
            }
        } catch (PackagingException e) {
            throw new WorkspaceException(where + e.getMessage(), e.hint(), e);
        }
        requireSourceFiles(where, sourceText, spec);
        return spec;
    }

    private Path source(String where, String declared) {
        return BlockPaths.resolve(root, block, declared, where, "source", "a package's source",
                "add it to the store (`cairn store add`) and list its /cairn/store path in inputs");
    }

    /**
     * The package's patterns, and the workspace's {@link Workspace#RESULT_DIR} when the source
     * holds it: what `cairn build` wrote there is no package's source.
     */
    private List<String> exclude(List<String> declared, Path source) {
        Path results = root.resolve(Workspace.RESULT_DIR);
        if (source == null || !results.startsWith(source) || results.equals(source)) {
            return declared;
        }
        List<String> exclude = new ArrayList<>(declared);
        exclude.add("/" + source.relativize(results));
        return exclude;
    }

    /** A Maven or npm source is a directory holding what the builder starts from. */
    private static void requireSourceFiles(String where, String declared, PackageSpec spec) {
        List<String> required = spec.requiredSourceFiles();
        if (required.isEmpty()) {
            return;
        }
        String needs = "the source of " + spec.kind() + " builds is the directory holding "
                + String.join(" and ", required);
        if (!Files.isDirectory(spec.source())) {
            throw new WorkspaceException(where + "source '" + declared + "' is not a directory: " + spec.source(), needs);
        }
        for (String file : required) {
            if (!Files.isRegularFile(spec.source().resolve(file))) {
                throw new WorkspaceException(where + "source '" + declared + "' has no " + file + ": no file "
                        + spec.source().resolve(file), needs + (file.equals("package-lock.json")
                        ? "; run `npm install` once to write package-lock.json, and commit it" : ""));
            }
        }
    }

    /** The inputs a block declares, as packages and operables list them; {@code address} is the declaring target. */
    static List<BuildInput> inputs(TargetAddress address, String where, List<?> declared) {
        List<BuildInput> inputs = new ArrayList<>();
        for (Object input : declared) {
            try {
                inputs.add(switch (input) {
                    case Composite packages when PklValues.isDebianPackages(packages) ->
                            new BuildInput.DebianPackages(strings(packages, "names"));
                    case String text when text.startsWith("//") -> reference(address, where, text);
                    case String text -> storeObject(where, text);
                    default -> throw new IllegalStateException("unexpected input " + input);
                });
            } catch (PackagingException e) {
                throw new WorkspaceException(where + e.getMessage(), e.hint(), e);
            }
        }
        return inputs;
    }

    private static BuildInput storeObject(String where, String text) {
        try {
            return new BuildInput.StoreObject(StorePath.parse(text));
        } catch (StoreException e) {
            throw new WorkspaceException(where + "input " + e.getMessage(), e.hint(), e);
        }
    }

    private static BuildInput reference(TargetAddress self, String where, String text) {
        String hint = "name another package as //cell/" + BuildInput.PackageReference.BLOCK + "/name;"
                + " `cairn list` shows every target";
        TargetAddress address;
        try {
            address = TargetAddress.parse(text);
        } catch (WorkspaceException e) {
            throw new WorkspaceException(where + "input " + e.getMessage(), hint, e);
        }
        if (!address.block().equals(BlockType.PACKAGES.blockName())) {
            throw new WorkspaceException(where + "input " + address + " is not a package: a build can use packages,"
                    + " //cell/" + BuildInput.PackageReference.BLOCK + "/name, not " + address.block() + " targets", hint);
        }
        if (address.equals(self)) {
            throw new WorkspaceException(where + "input " + address + " is the package itself",
                    "remove it; a package cannot be built from itself");
        }
        return new BuildInput.PackageReference(address.toString());
    }
}
