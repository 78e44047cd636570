package dev.cairn.packaging.spec;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.resolve.Request;
import dev.cairn.packaging.PackagingException;
import dev.cairn.store.StorePath;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Something a build may use besides its source. */
public sealed interface BuildInput {
    /**
     * Debian packages as asked for (apt's spelling: {@code name}, {@code name=version},
     * {@code name:arch}), with their dependencies. A declaration only: {@code cairn.lock} pins
     * what it resolves to.
     */
    record DebianPackages(List<String> request) implements BuildInput {
        public DebianPackages {
            request = List.copyOf(request);
            if (request.isEmpty()) {
                throw new PackagingException("Debian packages input asks for no package",
                        "name at least one package, e.g. debian.packages(List(\"gcc\"))");
            }
            for (String name : request) {
                try {
                    Request.parse(name);
                } catch (InputsException e) {
                    throw new PackagingException("Debian " + e.getMessage(), e.hint(), e);
                }
            }
        }
    }

    /** A store object; the build sees it and its closure. */
    record StoreObject(StorePath path) implements BuildInput {
        public StoreObject {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Another package of the workspace, {@code //cell/packages/name}: built first, its output
     * seen by this build. Whether it exists is known only to the whole workspace.
     */
    record PackageReference(String address) implements BuildInput {
        /** The block of every package's address. */
        public static final String BLOCK = "packages";
        private static final Pattern ADDRESS =
                Pattern.compile("//([a-z0-9][a-z0-9-]*)/" + BLOCK + "/([a-z0-9][a-z0-9-]*)");

        public PackageReference {
            if (!ADDRESS.matcher(address).matches()) {
                throw new PackagingException("'" + address + "' is not a package's address",
                        "name a package as //cell/" + BLOCK + "/name, e.g. //shared/" + BLOCK + "/tokens");
            }
        }

        /** The cell of the package referred to. */
        public String cell() {
            return part(1);
        }

        /** The name of the package referred to. */
        public String name() {
            return part(2);
        }

        private String part(int group) {
            Matcher matcher = ADDRESS.matcher(address);
            matcher.matches();
            return matcher.group(group);
        }
    }
}
