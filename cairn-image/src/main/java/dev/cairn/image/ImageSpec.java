package dev.cairn.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an image is made of, as the workspace declares it: its contents and the runtime
 * settings of its config. Plain data; building it is the image builder's job.
 *
 * @param name the target's name, used for messages and the default output directory
 * @param contents what goes into the filesystem, in declaration order (later entries win)
 * @param env environment in declaration order
 * @param ports exposed ports as {@code 8080/tcp} or {@code 53/udp}
 * @param architecture an OCI architecture name such as {@code amd64} or {@code arm64}
 * @param maxLayers how many layers the image may have at most
 * @param operable the operable the image runs, {@code //<cell>/operables/<name>}, or null: a
 *     standard image, whose contents a build adds from the operable's runtime closure
 *     ({@link StandardImage})
 * @param debug whether this is the operable's debug variant (its debug inputs and a shell added)
 * @param additions contents layered after everything else, in the layers {@code contents} leave
 *     of {@code maxLayers}: a debug variant's tools, so that every layer it shares with the
 *     standard image is planned as the standard image plans it
 * @param perms modes and owners for matching paths, applied to every layer's entries in order
 *     (a later rule wins)
 */
public record ImageSpec(
        String name,
        List<Content> contents,
        List<String> entrypoint,
        List<String> cmd,
        Map<String, String> env,
        String user,
        String workdir,
        List<String> ports,
        Map<String, String> labels,
        String architecture,
        String stopSignal,
        int maxLayers,
        String operable,
        boolean debug,
        List<Content> additions,
        List<PathPermission> perms) {
    /** containerd refuses more than 127; leave room for layers a base might add later. */
    public static final int DEFAULT_MAX_LAYERS = 100;

    public ImageSpec {
        Objects.requireNonNull(name, "name");
        contents = List.copyOf(contents);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        ports = List.copyOf(ports);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        additions = List.copyOf(additions);
        perms = List.copyOf(perms);
        architecture = architecture == null ? "amd64" : architecture;
        if (maxLayers < 1 || maxLayers > 127) {
            throw new ImageException("image '" + name + "': maxLayers " + maxLayers + " is not between 1 and 127",
                    "containerd refuses images of more than 127 layers; the default, " + DEFAULT_MAX_LAYERS + ", leaves room");
        }
        if (debug && operable == null) {
            throw new ImageException("image '" + name + "' is a debug variant without an operable",
                    "set operable = \"//<cell>/operables/<name>\", or leave out debug = true");
        }
    }

    /** An image without additions or perms. */
    public ImageSpec(String name, List<Content> contents, List<String> entrypoint, List<String> cmd,
            Map<String, String> env, String user, String workdir, List<String> ports, Map<String, String> labels,
            String architecture, String stopSignal, int maxLayers, String operable, boolean debug) {
        this(name, contents, entrypoint, cmd, env, user, workdir, ports, labels, architecture, stopSignal, maxLayers,
                operable, debug, List.of(), List.of());
    }

    /** An image of at most {@link #DEFAULT_MAX_LAYERS} layers. */
    public ImageSpec(String name, List<Content> contents, List<String> entrypoint, List<String> cmd,
            Map<String, String> env, String user, String workdir, List<String> ports, Map<String, String> labels,
            String architecture, String stopSignal) {
        this(name, contents, entrypoint, cmd, env, user, workdir, ports, labels, architecture, stopSignal,
                DEFAULT_MAX_LAYERS, null, false);
    }

    /** This spec with other contents: how a build swaps declarations for what realises them. */
    public ImageSpec withContents(List<Content> newContents) {
        return new ImageSpec(name, newContents, entrypoint, cmd, env, user, workdir, ports, labels, architecture, stopSignal,
                maxLayers, operable, debug, additions, perms);
    }

    /** This spec with the runtime settings a standard image derives from its operable. */
    public ImageSpec withRuntime(List<Content> newContents, List<Content> newAdditions, List<String> newEntrypoint,
            Map<String, String> newEnv, String newUser, Map<String, String> newLabels) {
        return new ImageSpec(name, newContents, newEntrypoint, cmd, newEnv, newUser, workdir, ports, newLabels, architecture,
                stopSignal, maxLayers, operable, debug, newAdditions, perms);
    }
}
