package dev.cairn.inputs.debian.resolve;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.index.DebianVersion;
import dev.cairn.inputs.debian.index.Relation;
import dev.cairn.inputs.debian.index.RelationOperator;
import dev.cairn.inputs.debian.index.VersionConstraint;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package asked for by the user, as apt spells it on its command line: {@code name},
 * {@code name=version}, {@code name:arch} or {@code name:arch=version}.
 */
public record Request(String name, Optional<String> architecture, Optional<DebianVersion> version) {
    private static final Pattern SYNTAX = Pattern.compile("([^:=\\s]+)(?::([^=\\s]+))?(?:=(\\S+))?");

    public Request {
        Relation.requireName(name);
    }

    public static Request parse(String text) {
        Matcher matcher = SYNTAX.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new InputsException("'" + text + "' is not a package request",
                    "ask for name, name=version, name:arch or name:arch=version, e.g. libc6=2.36-9+deb12u4");
        }
        try {
            return new Request(matcher.group(1), Optional.ofNullable(matcher.group(2)),
                    Optional.ofNullable(matcher.group(3)).map(DebianVersion::parse));
        } catch (InputsException e) {
            throw new InputsException("package request '" + text + "': " + e.getMessage(), e.hint(), e);
        }
    }

    /** The request as the relation it amounts to: {@code name[:arch] [(= version)]}. */
    public Relation relation() {
        return new Relation(name, architecture,
                version.map(wanted -> new VersionConstraint(RelationOperator.EQUAL, wanted)), List.of(), List.of());
    }

    @Override
    public String toString() {
        return name + architecture.map(arch -> ":" + arch).orElse("") + version.map(v -> "=" + v).orElse("");
    }
}
