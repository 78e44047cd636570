package dev.cairn.operable;

import dev.cairn.store.ObjectInfo;

/**
 * An operable in the store.
 *
 * @param object its store object, whose closure is the runtime closure
 * @param manifest what the object's {@value OperableManifest#FILE} says
 */
public record BuiltOperable(ObjectInfo object, OperableManifest manifest) {
    /** The script's logical path, {@code /cairn/store/<hash>-operable-<name>/bin/operable-<name>}. */
    public String script() {
        return object.path() + "/" + manifest.script();
    }
}
