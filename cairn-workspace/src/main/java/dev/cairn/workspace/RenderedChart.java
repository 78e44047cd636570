package dev.cairn.workspace;

import dev.cairn.chart.Manifests;
import dev.cairn.chart.OptionValues;

/**
 * A chart as an environment has it, rendered: its objects, and what it gives the operable's options.
 *
 * @param source the file that decides the render, as messages name it: the environment's, or the block's
 */
public record RenderedChart(Manifests manifests, OptionValues values, String source) {}
