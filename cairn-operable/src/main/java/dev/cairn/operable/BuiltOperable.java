package dev.cairn.operable;

import dev.cairn.store.ObjectInfo;

/**
 * An operable in the store.
 *
 * @param object its store object, whose closure is the runtime closure
 * @param manifest what the object's {@value OperableManifest#FILE} says
 */
public record BuiltOperable(ObjectInfo object, OperableManifest manifest) {
    /** The runtime shell's name in the object's {@code bin/}: {@code runtime-<name>}. */
    public static final String SHELL_PREFIX = "runtime-";

    /** The runtime shell ({@link OperableScript#renderShell}): the operable's environment, then bash. */
    public String shell() {
        return object.path() + "/bin/" + SHELL_PREFIX + manifest.name();
    }

    /** The script's logical path, {@code /cairn/store/<hash>-operable-<name>/bin/operable-<name>}. */
    public String script() {
        return object.path() + "/" + manifest.script();
    }
}
