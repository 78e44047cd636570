package dev.cairn.workspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One block of a workspace: the file {@code cells/<cell>/<type>.pkl}.
 *
 * @param cell the cell's name, its directory under {@code cells/}
 * @param type what kind of block, which decides the module it amends and its targets
 * @param file the block file's absolute path
 */
public record Block(String cell, BlockType type, Path file) {
    public Block {
        TargetAddress.checkName("cell", cell);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
    }

    /** The address of this block's target called {@code name}. */
    public TargetAddress target(String name) {
        return new TargetAddress(cell, type.blockName(), name);
    }
}
