package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A rendered systemd unit's {@code ExecStart}, run under the unit's conditions as far as a test
 * without systemd as PID 1 can give them: bubblewrap with only the unit's {@code Environment=},
 * a user that is not root and owns nothing, no capabilities, private {@code /tmp} and
 * {@code /dev}, the store read-only at {@code /cairn/store}.
 */
final class SystemdUnitRun {
    private SystemdUnitRun() {}

    /** The unit's sandbox as bwrap arguments after the root's: its environment only, and so on. */
    static List<String> sandbox(String unit) {
        List<String> arguments = new ArrayList<>(List.of("--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                "--unshare-all", "--unshare-user", "--uid", "61234", "--gid", "61234", "--cap-drop", "ALL",
                "--die-with-parent", "--clearenv"));
        for (String line : unit.lines().toList()) {
            if (line.startsWith("Environment=\"")) {
                String assignment = line.substring("Environment=\"".length(), line.length() - 1)
                        .replace("%%", "%").replace("\\\"", "\"").replace("\\\\", "\\");
                int equals = assignment.indexOf('=');
                arguments.addAll(List.of("--setenv", assignment.substring(0, equals), assignment.substring(equals + 1)));
            }
        }
        return arguments;
    }

    static String execStart(String unit) {
        return unit.lines().filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow()
                .substring("ExecStart=".length());
    }

    /**
     * A root directory's entries on an empty root, as systemd makes {@code RootDirectory=} (or as a
     * host whose {@code /usr} holds exactly the unit's Debian packages would look).
     */
    static List<String> rootDirectory(Path rootfs) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--tmpfs", "/"));
        try (Stream<Path> entries = Files.list(rootfs)) {
            for (Path entry : entries.sorted().toList()) {
                String at = "/" + entry.getFileName();
                arguments.addAll(Files.isSymbolicLink(entry)
                        ? List.of("--symlink", Files.readSymbolicLink(entry).toString(), at)
                        : List.of("--ro-bind", entry.toString(), at));
            }
        }
        return arguments;
    }
}
