package dev.cairn.workspace;

import java.util.Locale;

/** What a verb of the CLI can do with a target; each kind of target offers some of them. */
public enum Action {
    /** Realise the target into the store or an output directory. */
    BUILD,
    /** Push the target to a registry. */
    PUBLISH,
    /** Load the target into a local container engine. */
    LOAD,
    /** Run the target on this machine. */
    RUN,
    /** Print or write a chart's manifests. */
    RENDER,
    /** Show how a chart's manifests differ between two environments. */
    DIFF;

    /** The verb as typed on the command line, e.g. {@code build}. */
    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }
}
