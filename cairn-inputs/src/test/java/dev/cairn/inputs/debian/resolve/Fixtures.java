package dev.cairn.inputs.debian.resolve;

import dev.cairn.inputs.debian.index.Origin;
import dev.cairn.inputs.debian.index.PackageIndex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Small Packages indexes written in the tests. A test writes only the fields its case is
 * about; the ones every record needs but no resolver test cares about are filled in here:
 * {@code Architecture: amd64} when absent, and {@code Filename}, {@code Size}, {@code SHA256}.
 */
final class Fixtures {
    static final Origin BOOKWORM = new Origin("debian", "bookworm");
    static final Origin SECURITY = new Origin("debian-security", "bookworm-security");

    private Fixtures() {}

    static PackageIndex index(String packages) {
        return PackageIndex.builder().add(BOOKWORM, complete(packages), "Packages").build();
    }

    static PackageIndex.Builder add(PackageIndex.Builder builder, Origin origin, String packages) {
        return builder.add(origin, complete(packages), origin + "/Packages");
    }

    static String complete(String packages) {
        StringBuilder out = new StringBuilder();
        for (String record : packages.strip().split("\n\\s*\n")) {
            String name = field(record, "Package");
            String version = field(record, "Version");
            String architecture = field(record, "Architecture");
            out.append(record.strip()).append('\n');
            if (architecture == null) {
                architecture = "amd64";
                out.append("Architecture: amd64\n");
            }
            String filename = "pool/main/" + name.charAt(0) + "/" + name + "/" + name + "_" + version + "_"
                    + architecture + ".deb";
            out.append("Filename: ").append(filename).append('\n')
                    .append("Size: 1024\n")
                    .append("SHA256: ").append(sha256(filename)).append("\n\n");
        }
        return out.toString();
    }

    static Resolution resolve(PackageIndex index, String... requests) {
        return Resolver.resolve(List.of(requests).stream().map(Request::parse).toList(), index,
                ResolveOptions.forArchitecture("amd64"));
    }

    /** The result as {@code name=version} lines, the architecture added when foreign (not amd64 or all). */
    static List<String> chosen(Resolution resolution) {
        return resolution.packages().stream()
                .map(binary -> binary.name() + (List.of("amd64", "all").contains(binary.architecture()) ? "" : ":"
                        + binary.architecture()) + "=" + binary.version())
                .toList();
    }

    private static String field(String record, String name) {
        return record.lines()
                .filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).strip())
                .findFirst()
                .orElse(null);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
