/**
 * The operable layer: a service's runtime contract as a thin, readable bash script. An
 * {@link dev.cairn.operable.OperableSpec} says which package runs, with which configuration
 * options (each with its default, or required), which programs it needs at run time and how to
 * probe it; {@link dev.cairn.operable.OperableScript} renders the script and
 * {@link dev.cairn.operable.OperableBuilds} puts it, with a machine-readable description for
 * the image layer, into the store. It knows nothing of images or schedulers.
 */
package dev.cairn.operable;
