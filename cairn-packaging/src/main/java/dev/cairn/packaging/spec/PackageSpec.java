package dev.cairn.packaging.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A package as declared: what to build and with what. Plain data, each kind checking what it
 * can when made ({@link dev.cairn.packaging.PackagingException} says what is wrong); that the
 * source exists and what the build produces are the concern of whoever reads and builds it.
 */
public sealed interface PackageSpec permits CommandBuild, MavenBuild, NpmBuild, PackageSpec.Sourceless {
    /** The package's name, its target's name, e.g. {@code orders}. */
    String name();

    /** The version, e.g. {@code 2.3.0}; {@code name-version} is a valid store name. */
    String version();

    /**
     * The source, an absolute host path (a directory or a file), or null for a command build
     * without one. Maven and npm builds always have one.
     */
    Path source();

    /**
     * What the package leaves out of its source directory, as declared: .gitignore-style
     * patterns relative to the source root ({@link SourceFilter}). {@link SourceFilter#ALWAYS}
     * and {@link #builderExcludes()} apply as well; there is no turning them off.
     */
    List<String> exclude();

    /**
     * What the kind's builder leaves out of every source: what it makes itself and would
     * replace anyway, e.g. Maven's {@code target/}; none for a command build.
     */
    List<String> builderExcludes();

    /** What of the source enters the store, as its {@code $src}. */
    default SourceFilter sourceFilter() {
        return SourceFilter.excluding(Stream.concat(builderExcludes().stream(), exclude().stream()).toList());
    }

    /** What the build may use besides its source and {@link #tools()}, in declaration order. */
    List<BuildInput> inputs();

    /** The build's environment variables, in declaration order; never {@code out}. */
    Map<String, String> env();

    /** The kind of package, as messages name it: {@code command}, {@code Maven}, {@code npm}, {@code Java runtime} or {@code fetch}. */
    String kind();

    /**
     * The Debian packages the builder itself needs, as apt spells them (a JDK and Maven,
     * Node.js, bash and coreutils for the npm builder); none for a command build, whose tools are among its inputs.
     */
    List<String> tools();

    /** The files the source must be a directory holding, e.g. {@code pom.xml}; none for a command build. */
    List<String> requiredSourceFiles();

    /** The output's store name, {@code name-version}. */
    default String outputName() {
        return name() + "-" + version();
    }

    /** A package made from no source of its own: a fetched file, or a runtime linked from its JDK. */
    sealed interface Sourceless extends PackageSpec permits Fetch, JavaRuntimeBuild {
        @Override
        default Path source() {
            return null;
        }

        @Override
        default List<String> exclude() {
            return List.of();
        }

        @Override
        default List<String> builderExcludes() {
            return List.of();
        }

        @Override
        default List<String> requiredSourceFiles() {
            return List.of();
        }
    }
}
