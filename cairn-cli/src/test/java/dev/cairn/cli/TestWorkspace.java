package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** A small workspace written by the tests: one cell with one image of a script and some data. */
final class TestWorkspace {
    private TestWorkspace() {}

    static Path create(Path root) throws IOException {
        return create(root, FileTime.fromMillis(1_700_000_000_000L));
    }

    static Path create(Path root, FileTime mtime) throws IOException {
        Path cell = Files.createDirectories(root.resolve("cells/web"));
        Files.writeString(root.resolve("cairn.pkl"), "amends \"cairn:Workspace\"\nname = \"test\"\n");
        Files.createDirectories(cell.resolve("files/static/css"));
        Path script = Files.writeString(cell.resolve("files/server.sh"), "#!/bin/sh\necho serving\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(cell.resolve("files/static/index.html"), "<h1>hi</h1>\n");
        Files.writeString(cell.resolve("files/static/css/site.css"), "h1 { color: teal }\n");
        Files.writeString(cell.resolve("oci-images.pkl"), """
                amends "cairn:OciImages"

                images {
                  ["site"] {
                    contents {
                      new { source = "files/server.sh"; path = "/bin/server" }
                      new { source = "files/static"; path = "/srv/www"; uid = 101; gid = 101 }
                    }
                    entrypoint { "/bin/server" }
                    env { ["PORT"] = "8080"; ["MODE"] = "prod" }
                    ports { "8080" }
                  }
                  ["other"] {
                    contents { new { source = "files/static"; path = "/srv" } }
                    cmd { "/bin/true" }
                  }
                }
                """);
        try (var files = Files.walk(root)) {
            for (Path path : files.toList()) {
                Files.setLastModifiedTime(path, mtime);
            }
        }
        return root;
    }

    /**
     * The workspace of {@link #create} with a packages block beside the images: a Maven service,
     * an npm app, and a command that uses Debian packages and the Maven service.
     */
    static Path withPackages(Path root) throws IOException {
        create(root);
        Path orders = Files.createDirectories(root.resolve("services/orders"));
        Files.writeString(orders.resolve("pom.xml"), "<project/>\n");
        Path storefront = Files.createDirectories(root.resolve("web/storefront"));
        Files.writeString(storefront.resolve("package.json"), "{}\n");
        Files.writeString(storefront.resolve("package-lock.json"), "{}\n");
        Files.writeString(root.resolve("cells/web/packages.pkl"), """
                amends "cairn:Packages"

                import "cairn:debian"

                packages {
                  ["orders"] = new Maven { version = "2.3.0"; source = "../../services/orders" }
                  ["storefront"] = new Npm {
                    version = "1.4.2"
                    source = "../../web/storefront"
                    nodejs { "nodejs"; "npm"; "ca-certificates" }
                  }
                  ["bundle"] = new Command {
                    version = "1"
                    inputs { debian.packages(List("zstd", "tar")); "//web/packages/orders" }
                    script = "tar -c . | zstd > $out"
                  }
                }
                """);
        return root;
    }

    static Map<String, String> environment(Path temp) {
        return Map.of("CAIRN_STORE", temp.resolve("store").toString(), "CAIRN_CACHE", temp.resolve("cache").toString());
    }
}
