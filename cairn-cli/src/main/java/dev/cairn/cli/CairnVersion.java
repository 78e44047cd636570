package dev.cairn.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class CairnVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Cairn.class.getPackage().getImplementationVersion();
        return new String[] {"cairn " + (version == null ? "development" : version)};
    }
}
