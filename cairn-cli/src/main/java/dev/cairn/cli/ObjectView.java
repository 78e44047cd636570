package dev.cairn.cli;

import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StorePath;
import java.util.List;

/** An object as {@code --json} shows it: the fields of {@code nix path-info --json}, plus where it lies. */
record ObjectView(String path, String physicalPath, String narHash, long narSize, List<String> references) {
    static ObjectView of(Store store, ObjectInfo info) {
        return new ObjectView(
                info.path().toString(),
                store.physicalPath(info.path()).toString(),
                info.narHash().toString(),
                info.narSize(),
                info.references().stream().map(StorePath::toString).toList());
    }
}
