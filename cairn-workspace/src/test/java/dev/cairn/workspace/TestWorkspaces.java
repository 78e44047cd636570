package dev.cairn.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes workspaces for tests, so each test shows the files it evaluates. */
final class TestWorkspaces {
    private TestWorkspaces() {}

    /** A workspace at {@code root} with {@code cairn.pkl} naming it {@code name}. */
    static Path workspace(Path root, String name) {
        write(root, "cairn.pkl", "amends \"cairn:Workspace\"\n\nname = \"" + name + "\"\n");
        return root;
    }

    /** Writes {@code text} to {@code relative} under {@code root}, creating directories. */
    static Path write(Path root, String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An {@code oci-images.pkl} block of {@code cell} with {@code body} after the amends line. */
    static Path ociImages(Path root, String cell, String body) {
        return write(root, "cells/" + cell + "/oci-images.pkl", "amends \"cairn:OciImages\"\n\n" + body);
    }

    /** A {@code packages.pkl} block of {@code cell} with {@code body} after the amends line. */
    static Path packages(Path root, String cell, String body) {
        return write(root, "cells/" + cell + "/packages.pkl", "amends \"cairn:Packages\"\n\n" + body);
    }

    /** An {@code operables.pkl} block of {@code cell} with {@code body} after the amends line. */
    static Path operables(Path root, String cell, String body) {
        return write(root, "cells/" + cell + "/operables.pkl", "amends \"cairn:Operables\"\n\n" + body);
    }
}
