package dev.cairn.inputs.debian.resolve;

import dev.cairn.inputs.debian.index.BinaryPackage;

/** A chosen package and why it is in the result. */
public record Selection(BinaryPackage binary, Cause cause) {
    /** Why a package is in the result: asked for, Essential (when included), or pulled in. */
    public sealed interface Cause {}

    /** The user asked for it. */
    public record Requested(Request request) implements Cause {
        @Override
        public String toString() {
            return request.toString();
        }
    }

    /** It is Essential and the resolution was asked to include the Essential set. */
    public record Essential() implements Cause {
        @Override
        public String toString() {
            return "Essential";
        }
    }

    /** The dependency it was chosen for: the first one that needed it. */
    public record Dependency(Edge edge) implements Cause {
        @Override
        public String toString() {
            return edge.toString();
        }
    }
}
