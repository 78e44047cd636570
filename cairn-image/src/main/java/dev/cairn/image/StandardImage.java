package dev.cairn.image;

import dev.cairn.operable.BuiltOperable;
import dev.cairn.operable.DebugShell;
import dev.cairn.store.StorePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A standard image: an operable and exactly its runtime closure, in the shape std's standard
 * images have. The operable knows nothing of OCI; this is where its object becomes an
 * entrypoint and its closure the image's contents:
 *
 * <ul>
 *   <li>the Debian packages of its root filesystem at their usual paths (given, realised, by
 *       the caller), then {@code /tmp} (1777);
 *   <li>the operable's object, whose closure (the package, its jars or node_modules, the probes)
 *       goes under {@code /cairn/store} — the planner leaves out the objects laid at {@code /};
 *   <li>{@code /bin/entrypoint} (the script), {@code /bin/runtime} (its runtime shell),
 *       {@code /bin/live} and {@code /bin/ready} for the probes;
 *   <li>in the debug variant, as {@link ImageSpec#additions()} after all that: the Debian packages
 *       the debug request has beyond the runtime request, the debug request's rootfs
 *       configuration over everything, the operable's {@link DebugShell} when its debug inputs
 *       name store objects or packages (the planner lays its closure less what the image has
 *       already), and {@code /bin/debug} (that shell, or bash); so every layer of the standard
 *       image is a layer of the debug variant, byte for byte;
 *   <li>the user {@value #NONROOT}, {@code SSL_CERT_FILE} when CA certificates are in the
 *       closure, and the OCI labels (title, and the provenance the caller read from git).
 * </ul>
 * What the image declares itself (contents, entrypoint, user, env, labels) comes on top.
 */
public final class StandardImage {
    /** The uid and gid of distroless's and std's {@code nonroot}. */
    public static final String NONROOT = "65532:65532";
    /** Where Debian's ca-certificates puts the bundle its maintainer script would write. */
    public static final String CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
    /** Where the liveness probe's script is in the image, when the operable has one. */
    public static final String LIVENESS_PROBE = "/bin/live";
    /** Where the readiness probe's script is in the image, when the operable has one. */
    public static final String READINESS_PROBE = "/bin/ready";
    /**
     * The debug variant's shell: bash, with the debug inputs' Debian packages at their usual paths
     * and their store objects' and packages' {@code bin} first on {@code PATH}.
     */
    public static final String DEBUG_SHELL = "/bin/debug";
    private static final int STICKY_WORLD_WRITABLE = 01777;

    private StandardImage() {}

    /**
     * @param declared the image as the workspace declares it
     * @param operable the operable, built (for the debug variant too: its script is the entrypoint)
     * @param rootfs the Debian packages (package trees) and their configuration (a store tree), at {@code /}
     * @param debugRootfs the debug variant's Debian packages and configuration, likewise (the debug
     *     request's, which holds the runtime request's packages); empty for a standard image
     * @param debugShell the operable's debug shell, for a debug variant whose debug inputs name store
     *     objects or packages; empty otherwise
     * @param caCertificates whether the root filesystem has {@link #CA_BUNDLE}
     * @param provenance OCI labels describing where the image comes from, e.g. {@code org.opencontainers.image.revision}
     */
    public static ImageSpec compose(ImageSpec declared, BuiltOperable operable, List<Content> rootfs,
            List<Content> debugRootfs, Optional<DebugShell> debugShell, boolean caCertificates,
            Map<String, String> provenance) {
        List<Content> contents = new ArrayList<>(rootfs);
        contents.add(new Content(new ContentSource.EmptyDirectory(), "/tmp", STICKY_WORLD_WRITABLE, 0, 0));
        String object = operable.object().path().toString();
        contents.add(new Content(new ContentSource.StoreObject(operable.object().path()), object, null, 0, 0));
        contents.add(link("/bin/entrypoint", operable.script()));
        contents.add(link("/bin/runtime", operable.shell()));
        operable.manifest().livenessProbe().ifPresent(probe -> contents.add(link(LIVENESS_PROBE, probe)));
        operable.manifest().readinessProbe().ifPresent(probe -> contents.add(link(READINESS_PROBE, probe)));
        contents.addAll(declared.contents());
        List<Content> additions = new ArrayList<>();
        if (declared.debug()) {
            Set<StorePath> runtime = rootfs.stream().map(StandardImage::packageTree).flatMap(Optional::stream)
                    .collect(Collectors.toSet());
            debugRootfs.stream().filter(c -> packageTree(c).map(p -> !runtime.contains(p)).orElse(true))
                    .forEach(additions::add);
            debugShell.ifPresent(shell -> additions.add(new Content(new ContentSource.StoreObject(shell.object().path()),
                    shell.object().path().toString(), null, 0, 0)));
            additions.add(link(DEBUG_SHELL, debugShell.map(DebugShell::script).orElse("/bin/bash")));
        }

        Map<String, String> env = new LinkedHashMap<>();
        if (caCertificates) {
            env.put("SSL_CERT_FILE", CA_BUNDLE);
        }
        env.putAll(declared.env());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", declared.name());
        labels.putAll(provenance);
        labels.putAll(declared.labels());
        List<String> entrypoint = declared.entrypoint().isEmpty() ? List.of("/bin/entrypoint") : declared.entrypoint();
        String user = declared.user() == null ? NONROOT : declared.user();
        return declared.withRuntime(contents, additions, entrypoint, env, user, labels);
    }

    private static Optional<StorePath> packageTree(Content content) {
        return content.source() instanceof ContentSource.PackageTree tree ? Optional.of(tree.path()) : Optional.empty();
    }

    private static Content link(String path, String target) {
        return new Content(new ContentSource.Symlink(target), path, null, 0, 0);
    }
}
