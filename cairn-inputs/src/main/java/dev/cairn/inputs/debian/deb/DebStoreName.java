package dev.cairn.inputs.debian.deb;

import dev.cairn.inputs.InputsException;
import dev.cairn.store.StorePath;

/**
 * The store name of an extracted package: {@code <package>-<version>}, with the two
 * characters a Debian version may have and a store name may not replaced:
 * <ul>
 *   <li>{@code :} (the epoch separator, {@code 1:2.3}) becomes {@code _};</li>
 *   <li>{@code ~} (sorts before anything, {@code 1.0~rc1}) becomes {@code =}.</li>
 * </ul>
 * Neither {@code _} nor {@code =} can appear in a Debian package name or version, so the
 * mapping loses nothing: {@code apache2-utils 2.4.68-1~deb12u1} is
 * {@code apache2-utils-2.4.68-1=deb12u1}, {@code automake 1:1.16.5-1.3} is
 * {@code automake-1_1.16.5-1.3}. Package names ({@code [a-z0-9][a-z0-9+.-]+}) and the rest
 * of a version ({@code A-Za-z0-9.+-}) are store-safe as they are.
 *
 * @param value the name of the object holding the package's files
 */
public record DebStoreName(String value) {
    /** What {@link #controlName()} adds; both names must fit a store name. */
    public static final String CONTROL_SUFFIX = "-control";

    public DebStoreName {
        StorePath.validateName(value + CONTROL_SUFFIX);
    }

    public static DebStoreName of(String packageName, String version) {
        String name = packageName + "-" + version.replace(':', '_').replace('~', '=');
        if (name.length() + CONTROL_SUFFIX.length() > StorePath.MAX_NAME_LENGTH) {
            throw new InputsException("package " + packageName + " " + version + " has a name and version too long for "
                    + "a store name (" + name.length() + " characters, at most "
                    + (StorePath.MAX_NAME_LENGTH - CONTROL_SUFFIX.length()) + ")",
                    "no Debian package should be this long; check where it came from");
        }
        return new DebStoreName(name);
    }

    /** The name of the small object holding the package's control file, md5sums and conffiles. */
    public String controlName() {
        return value + CONTROL_SUFFIX;
    }

    @Override
    public String toString() {
        return value;
    }
}
