package dev.cairn.inputs.debian.resolve;

import dev.cairn.inputs.InputsException;

/**
 * How to resolve.
 *
 * @param architecture the image's (native) architecture, e.g. {@code amd64}; packages of
 *     {@code Architecture: all} count as this one
 * @param includeEssential whether to add every {@code Essential: yes} package (and what it
 *     needs) as if requested. Off by default: apt assumes the Essential set is installed and
 *     packages need not declare dependencies on it (Policy 3.5, 3.8), but an image starts empty, and
 *     most images (a JVM, a Node program) need no shell, coreutils or dpkg. Turn it on for an
 *     image that must behave like a Debian system (run maintainer scripts, offer a shell).
 */
public record ResolveOptions(String architecture, boolean includeEssential) {
    public ResolveOptions {
        if (architecture == null || !architecture.matches("[a-z0-9][a-z0-9\\-]*") || architecture.equals("all")
                || architecture.equals("any")) {
            throw new InputsException("'" + architecture + "' is not a target architecture",
                    "name a Debian architecture such as amd64 or arm64");
        }
    }

    /** Only what the requests' dependencies pull in. */
    public static ResolveOptions forArchitecture(String architecture) {
        return new ResolveOptions(architecture, false);
    }

    public ResolveOptions withEssential() {
        return new ResolveOptions(architecture, true);
    }
}
