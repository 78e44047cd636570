package dev.cairn.store;

import java.nio.file.Path;

/**
 * Where things lie under the store's physical root. Objects sit at the top, as in Nix;
 * cairn's own state lives under {@code .cairn/}, a name no store object can have.
 */
record StoreLayout(Path root) {
    Path object(StorePath path) {
        return root.resolve(path.baseName());
    }

    Path state() {
        return root.resolve(".cairn");
    }

    Path infoDirectory() {
        return state().resolve("info");
    }

    Path info(StorePath path) {
        return infoDirectory().resolve(path.baseName() + ".json");
    }

    Path temporary() {
        return state().resolve("tmp");
    }

    Path trash() {
        return state().resolve("trash");
    }

    Path gcRoots() {
        return state().resolve("gcroots");
    }

    Path gcLock() {
        return state().resolve("gc.lock");
    }
}
