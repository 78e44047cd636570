package dev.cairn.packaging.spec;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.resolve.Request;
import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The checks every kind of {@link PackageSpec} makes on what they share, in one place. */
final class Checks {
    /** The variable a build sets itself, to its output's path. */
    static final String OUT = "out";

    private Checks() {}

    /** {@code name-version} must name a store object, since the output is called that. */
    static void nameAndVersion(String name, String version) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (name.isBlank()) {
            throw new PackagingException("a package has no name", "name it after its target, e.g. orders");
        }
        if (version.isBlank()) {
            throw new PackagingException("the version is blank", "give the package a version, e.g. 1.0");
        }
        try {
            StorePath.validateName(name + "-" + version);
        } catch (StoreException e) {
            throw new PackagingException("version '" + version + "' cannot be part of the output's name: "
                    + e.getMessage(), "a version has only the characters A-Z a-z 0-9 + - . _ ? =, e.g. 2.3.0-rc1", e);
        }
    }

    /** A source is a host path from the root: where it is, not how the block wrote it. */
    static void source(Path source) {
        if (source != null && !source.isAbsolute()) {
            throw new IllegalArgumentException("a package's source is an absolute path, not " + source);
        }
    }

    /** Kind-specific source requirement: Maven and npm build something that is there. */
    static Path requiredSource(String kind, Path source, String holding) {
        if (source == null) {
            throw new PackagingException(kind + " builds need a source: the directory holding " + holding,
                    "set source to that directory, relative to the block file's directory");
        }
        return source;
    }

    /** The inputs, each at most once: the same input twice is a slip, not a wish. */
    static List<BuildInput> inputs(List<BuildInput> inputs) {
        List<BuildInput> copy = List.copyOf(inputs);
        Set<BuildInput> seen = new HashSet<>();
        for (BuildInput input : copy) {
            if (!seen.add(input)) {
                throw new PackagingException("input " + describe(input) + " is listed twice",
                        "list each input once");
            }
        }
        return copy;
    }

    private static String describe(BuildInput input) {
        return switch (input) {
            case BuildInput.DebianPackages packages -> "Debian packages " + String.join(" ", packages.request());
            case BuildInput.StoreObject object -> object.path().toString();
            case BuildInput.PackageReference reference -> reference.address();
        };
    }

    /** Environment variables a process can hold, in the order given; {@code out} is the build's own. */
    static Map<String, String> env(Map<String, String> env) {
        Map<String, String> copy = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            Objects.requireNonNull(value, "value of " + name);
            if (name.isEmpty() || name.contains("=") || name.contains("\0")) {
                throw new PackagingException("environment variable name '" + name + "' is not one a process can have",
                        "a name is not empty and has no '=' and no NUL character");
            }
            if (value.contains("\0")) {
                throw new PackagingException("environment variable " + name + " holds a NUL character",
                        "remove it; a process's environment cannot hold one");
            }
            if (name.equals(OUT)) {
                throw new PackagingException("environment variable 'out' is set by the build itself, to the output's path",
                        "choose another name");
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A Debian package request for a tool; {@code what} says which, for messages. */
    static String request(String what, String request) {
        Objects.requireNonNull(request, what);
        try {
            Request.parse(request);
        } catch (InputsException e) {
            throw new PackagingException(what + ": Debian " + e.getMessage(), e.hint(), e);
        }
        return request;
    }

    /** Command-line arguments: not empty, no NUL character. */
    static List<String> arguments(String what, List<String> arguments) {
        List<String> copy = List.copyOf(arguments);
        for (String argument : copy) {
            if (argument.isEmpty() || argument.contains("\0")) {
                throw new PackagingException(what + " has an empty argument or one with a NUL character",
                        "remove it");
            }
        }
        return copy;
    }
}
