package dev.cairn.chart;

import dev.cairn.image.ImageSpec;
import dev.cairn.image.StandardImage;
import dev.cairn.oci.Digest;
import dev.cairn.operable.EnvVariable;
import dev.cairn.operable.OperableManifest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What every scheduler's chart function is handed about the service it runs, built once from
 * an image's build and the operable it runs, and the same for Kubernetes, Nomad or systemd: the
 * image by digest, the operable's options, its probes' scripts in the image, the ports, the user.
 * Nothing in it is scheduler-shaped; a chart's parameters (replicas, resources, the repository
 * the cluster pulls from) are the chart's own.
 *
 * @param name the chart's name, the last part of its address: the name its objects get
 * @param image the image target's address, {@code //cell/oci-images/name}, for messages
 * @param digest the manifest digest of the image as built: a reference pins it, never a tag
 * @param options the operable's options, in the order it declares them
 * @param livenessProbe the liveness probe's script in the image, if the operable has one
 * @param readinessProbe the readiness probe's script in the image, if the operable has one
 * @param ports the ports the image exposes
 * @param uid the user the image runs as
 * @param gid its group
 * @param script the operable's script in the store, {@code /cairn/store/<hash>-operable-NAME/bin/operable-NAME}:
 *     what a scheduler without images (systemd) runs directly
 * @param debian the Debian packages the operable runs on (its request, its probes' included),
 *     which an image has at {@code /usr} and a host running the script must have
 */
public record ChartInput(
        String name,
        String image,
        Digest digest,
        List<Option> options,
        Optional<String> livenessProbe,
        Optional<String> readinessProbe,
        List<Port> ports,
        long uid,
        long gid,
        String script,
        List<String> debian) {
    private static final Pattern NUMERIC_USER = Pattern.compile("([0-9]+)(?::([0-9]+))?");
    private static final Pattern STORE_FILE = Pattern.compile("/cairn/store/[a-z0-9]{32}-[^/]+(/[^/]+)+");

    public ChartInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(digest, "digest");
        options = List.copyOf(options);
        Objects.requireNonNull(livenessProbe, "livenessProbe");
        Objects.requireNonNull(readinessProbe, "readinessProbe");
        ports = List.copyOf(ports);
        if (!STORE_FILE.matcher(script).matches()) {
            throw new IllegalArgumentException("the operable's script " + script + " is not a file in /cairn/store");
        }
        debian = List.copyOf(debian);
    }

    /**
     * One option of the operable: an environment variable the service reads.
     *
     * @param defaultValue what the operable's script sets when nothing else does; empty when required
     * @param required whether the service refuses to start without it
     */
    public record Option(String name, Optional<String> defaultValue, boolean required, String description) {
        public Option {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(description, "description");
        }

        /** The option an operable declares. */
        public static Option of(EnvVariable variable) {
            return switch (variable) {
                case EnvVariable.WithDefault withDefault ->
                        new Option(withDefault.name(), Optional.of(withDefault.value()), false, withDefault.description());
                case EnvVariable.Required required ->
                        new Option(required.name(), Optional.empty(), true, required.description());
            };
        }
    }

    /** A port the image exposes: its number and {@code tcp} or {@code udp}. */
    public record Port(int number, String protocol) {
        public Port {
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("port " + number + " is not 1–65535");
            }
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                throw new IllegalArgumentException("protocol " + protocol + " is neither tcp nor udp");
            }
        }

        /** {@code 8080/tcp}, as an image config writes it. */
        static Port parse(String port) {
            int slash = port.indexOf('/');
            return new Port(Integer.parseInt(slash < 0 ? port : port.substring(0, slash)),
                    slash < 0 ? "tcp" : port.substring(slash + 1));
        }
    }

    /**
     * The input of a chart of the standard image {@code image} (the image target at {@code address},
     * as declared), built with manifest digest {@code digest} from the operable {@code operable}, whose
     * store object is {@code operablePath} ({@code /cairn/store/<hash>-operable-NAME}).
     */
    public static ChartInput of(String name, String address, ImageSpec image, Digest digest, String operablePath,
            OperableManifest operable) {
        String user = image.user() != null ? image.user() : StandardImage.NONROOT;
        var numeric = NUMERIC_USER.matcher(user);
        if (!numeric.matches()) {
            throw new ChartException("chart " + name + ": the image " + address + " runs as the user '" + user
                    + "', a name; a pod's securityContext needs numbers to prove it is not root",
                    "leave out the image's user (it runs as " + StandardImage.NONROOT + ") or write it as uid:gid");
        }
        long uid = Long.parseLong(numeric.group(1));
        long gid = numeric.group(2) == null ? uid : Long.parseLong(numeric.group(2));
        if (uid == 0) {
            throw new ChartException("chart " + name + ": the image " + address + " runs as root (user '" + user
                    + "'); charts run containers as non-root only",
                    "leave out the image's user (it runs as " + StandardImage.NONROOT + ")");
        }
        return new ChartInput(name, address, digest,
                operable.env().stream().map(Option::of).toList(),
                operable.livenessProbe().map(probe -> StandardImage.LIVENESS_PROBE),
                operable.readinessProbe().map(probe -> StandardImage.READINESS_PROBE),
                image.ports().stream().map(Port::parse).toList(),
                uid, gid, operablePath + "/" + operable.script(), operable.debianRequest());
    }
}
