package dev.cairn.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * Something a workspace declares that a verb can act on, addressed {@code //cell/block/name}.
 * Each block type yields its own kind of target.
 */
public sealed interface Target permits PackageTarget, OperableTarget, ImageTarget, ChartTarget {
    /** Where the target is, {@code //cell/block/name}. */
    TargetAddress address();

    /** The block file that declares the target, absolute. */
    Path blockFile();

    /** What can be done with the target, in the order {@code cairn list} shows them. */
    List<Action> actions();
}
