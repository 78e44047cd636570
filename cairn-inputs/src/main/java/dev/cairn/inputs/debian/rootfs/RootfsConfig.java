package dev.cairn.inputs.debian.rootfs;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes, into a fresh directory, the files a set of Debian packages would have after their
 * maintainer scripts ran — declaratively, so the result is the same bytes every time:
 * users and groups, name-service switch, alternatives links, the CA bundle and Java's
 * cacerts when ca-certificates is present, and {@code /var/lib/dpkg/status.d/<package>} so
 * that vulnerability scanners see what is installed. The directory becomes one store object
 * laid over the packages' own.
 */
public final class RootfsConfig {
    /**
     * The generation of what {@link #write} produces. cairn remembers which object it made for a
     * set of packages under a key that includes this, so that a build whose packages did not
     * change does not regenerate the CA bundle and trust store: bump it whenever the files
     * written, or their bytes, change.
     */
    public static final int GENERATION = 1;

    private RootfsConfig() {}

    /**
     * @param controls each package's control paragraph text, by package name
     * @param maintainerScripts each package's postinst text, by package name (may be empty)
     */
    public static void write(Path target, PackageTrees packages, Map<String, String> controls,
            Map<String, String> maintainerScripts) {
        try {
            Files.createDirectories(target.resolve("etc"));
            write(target, "etc/passwd", SystemFiles.passwd());
            write(target, "etc/group", SystemFiles.group());
            write(target, "etc/nsswitch.conf", SystemFiles.nsswitch());
            if (packages.exists("usr/share/ca-certificates")) {
                CaBundle bundle = CaBundle.from(packages);
                write(target, CaBundle.BUNDLE_PATH, bundle.pem());
                if (controls.containsKey("ca-certificates-java") || packages.exists("usr/lib/jvm")) {
                    Path cacerts = target.resolve(CaBundle.JAVA_CACERTS_PATH);
                    Files.createDirectories(cacerts.getParent());
                    Files.write(cacerts, bundle.javaTrustStore());
                }
            }
            SortedMap<String, Alternatives.Link> alternatives = Alternatives.choose(packages, maintainerScripts);
            for (Alternatives.Link link : alternatives.values()) {
                Path managed = target.resolve("etc/alternatives").resolve(link.name());
                Files.createDirectories(managed.getParent());
                Files.createSymbolicLink(managed, Path.of(link.path()));
                Path visible = target.resolve(link.link().substring(1));
                if (!packages.exists(link.link())) {
                    Files.createDirectories(visible.getParent());
                    Files.createSymbolicLink(visible, Path.of("/etc/alternatives/" + link.name()));
                }
            }
            for (Map.Entry<String, String> control : controls.entrySet()) {
                String text = control.getValue().endsWith("\n") ? control.getValue() : control.getValue() + "\n";
                write(target, "var/lib/dpkg/status.d/" + control.getKey(), text);
            }
        } catch (IOException e) {
            throw new InputsException("cannot write the rootfs configuration to " + target + ": " + e.getMessage(),
                    "check the scratch directory's space and permissions", e);
        }
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
