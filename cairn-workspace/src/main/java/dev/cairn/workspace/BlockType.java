package dev.cairn.workspace;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of block a cell can hold, one Pkl file per layer, each amending its bundled
 * {@code cairn:} schema module. A file of a cell whose name is not a block type's is a helper
 * the blocks may import, not a block.
 */
public enum BlockType {
    /** {@code packages.pkl}, amending {@code cairn:Packages}: one package target per entry of {@code packages}. */
    PACKAGES("packages", "cairn:Packages"),
    /** {@code operables.pkl}, amending {@code cairn:Operables}: one operable target per entry of {@code operables}. */
    OPERABLES("operables", "cairn:Operables"),
    /** {@code oci-images.pkl}, amending {@code cairn:OciImages}: one image target per entry of {@code images}. */
    OCI_IMAGES("oci-images", "cairn:OciImages"),
    /** {@code kubernetes-charts.pkl}, amending {@code cairn:KubernetesCharts}: one chart target per entry of {@code charts}. */
    KUBERNETES_CHARTS("kubernetes-charts", "cairn:KubernetesCharts"),
    /** {@code nomad-charts.pkl}, amending {@code cairn:NomadCharts}: one chart target (a Nomad job) per entry of {@code charts}. */
    NOMAD_CHARTS("nomad-charts", "cairn:NomadCharts"),
    /** {@code systemd-charts.pkl}, amending {@code cairn:SystemdCharts}: one chart target (a unit) per entry of {@code charts}. */
    SYSTEMD_CHARTS("systemd-charts", "cairn:SystemdCharts");

    private final String blockName;
    private final String schemaModule;

    BlockType(String blockName, String schemaModule) {
        this.blockName = blockName;
        this.schemaModule = schemaModule;
    }

    /** The block's name in target addresses, e.g. {@code oci-images}. */
    public String blockName() {
        return blockName;
    }

    /** The block's file name in a cell, e.g. {@code oci-images.pkl}. */
    public String fileName() {
        return blockName + ".pkl";
    }

    /** The module the block amends, e.g. {@code cairn:OciImages}. */
    public String schemaModule() {
        return schemaModule;
    }

    /** Whether its targets are charts, rendered by {@code cairn render}. */
    public boolean isCharts() {
        return this == KUBERNETES_CHARTS || this == NOMAD_CHARTS || this == SYSTEMD_CHARTS;
    }

    /** The block type whose file is called {@code fileName}, if any. */
    public static Optional<BlockType> forFileName(String fileName) {
        return Arrays.stream(values()).filter(t -> t.fileName().equals(fileName)).findFirst();
    }
}
