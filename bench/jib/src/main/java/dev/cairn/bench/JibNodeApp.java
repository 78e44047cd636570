package dev.cairn.bench;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Node.js app pushed the way Jib containerizes a non-Java app (what jib-cli's {@code jib build}
 * with a {@code jib.yaml} does): the base image, then the app directory as one layer at
 * {@code /app}, {@code node} on the app's entry script as the entrypoint. The base and the target
 * are in a registry on the loopback, so plain HTTP is allowed.
 *
 * <p>Usage: JibNodeApp BASE TARGET APP_DIR ENTRY_SCRIPT CACHE_DIR, e.g.
 * {@code 127.0.0.1:5000/node-base 127.0.0.1:5000/notes app bin/notes.js cache}
 */
public final class JibNodeApp {
    private JibNodeApp() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: JibNodeApp BASE TARGET APP_DIR ENTRY_SCRIPT CACHE_DIR");
            System.exit(2);
        }
        ImageReference base = ImageReference.parse(args[0]);
        ImageReference target = ImageReference.parse(args[1]);
        Path app = Path.of(args[2]).toAbsolutePath();
        AbsoluteUnixPath appRoot = AbsoluteUnixPath.get("/app");
        Path cache = Path.of(args[4]).toAbsolutePath();
        List<Path> entries;
        try (Stream<Path> children = Files.list(app)) {
            entries = children.sorted().toList();
        }
        JibContainer container = Jib.from(RegistryImage.named(base))
                .addLayer(entries, appRoot)
                .setEntrypoint("node", appRoot.resolve(args[3]).toString())
                .setExposedPorts(Port.tcp(8080))
                .setFormat(ImageFormat.OCI)
                .containerize(Containerizer.to(RegistryImage.named(target))
                        .setAllowInsecureRegistries(true)
                        .setBaseImageLayersCache(cache.resolve("base"))
                        .setApplicationLayersCache(cache.resolve("application"))
                        .setToolName("cairn-bench-jib"));
        System.out.println(target.withQualifier(container.getDigest().toString()));
    }
}
