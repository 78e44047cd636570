package dev.cairn.operable;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a scheduler asks whether the service is alive or ready: an operable itself, whose exit
 * code answers. Written in place, or another operable of the workspace by its address.
 */
public sealed interface Probe {
    /** A probe written with the operable it probes; its spec is complete (name, inherited options). */
    record Inline(OperableSpec spec) implements Probe {
        public Inline {
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** Another operable of the workspace, {@code //cell/operables/name}, built with this one. */
    record Reference(String address) implements Probe {
        /** The block of every operable's address. */
        public static final String BLOCK = "operables";
        private static final Pattern ADDRESS =
                Pattern.compile("//[a-z0-9][a-z0-9-]*/" + BLOCK + "/[a-z0-9][a-z0-9-]*");

        public Reference {
            if (!ADDRESS.matcher(address).matches()) {
                throw new OperableException("'" + address + "' is not an operable's address",
                        "name an operable as //cell/" + BLOCK + "/name, e.g. //shop/" + BLOCK + "/health");
            }
        }
    }

    /** Which of an operable's probes, and the suffix an inline one's name gets. */
    enum Kind {
        LIVENESS("live"),
        READINESS("ready");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /** The name of {@code operable}'s inline probe of this kind, e.g. {@code greeter-live}. */
        public String nameFor(String operable) {
            return operable + "-" + suffix;
        }
    }
}
