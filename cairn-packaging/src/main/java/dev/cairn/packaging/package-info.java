/**
 * The packaging layer: derivations (a build's canonical description, whose hash names its
 * output), the bubblewrap sandbox builds run in, and the builders.
 */
package dev.cairn.packaging;
