package dev.cairn.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A systemd unit file: sections ({@code [Unit]}, {@code [Service]}, {@code [Install]}) of
 * settings, as the chart computed them. A value is written {@code Key=value}: a boolean as
 * {@code yes}/{@code no}, a list as one line per element (in order), a mapping as one quoted
 * assignment per entry ({@code Environment="NAME=value"}). {@code %} is doubled everywhere, since
 * systemd expands specifiers in most settings; a line break in a value is refused.
 *
 * @param name the unit's name without {@code .service}
 * @param header comment lines at the top: what the host must have
 * @param sections section name to settings, in the order written
 */
public record SystemdUnit(String name, List<String> header, Map<String, Map<String, Object>> sections)
        implements Rendering {
    public SystemdUnit {
        Objects.requireNonNull(name, "name");
        header = List.copyOf(header);
        Objects.requireNonNull(sections, "sections");
    }

    @Override
    public List<String> formats() {
        return List.of("unit");
    }

    @Override
    public String text(Optional<String> format) {
        format(format);
        StringBuilder text = new StringBuilder();
        text.append("# ").append(name).append(".service, rendered by cairn\n");
        header.forEach(line -> text.append("# ").append(checked(line, "the header")).append('\n'));
        sections.forEach((section, settings) -> {
            text.append('\n').append('[').append(section).append("]\n");
            settings.forEach((key, value) -> setting(text, key, value));
        });
        return text.toString();
    }

    /** Writes {@code <name>.service}. */
    @Override
    public List<Path> write(Path directory, Optional<String> format) throws IOException {
        return List.of(AtomicFiles.write(directory.resolve(name + ".service"), text(format)));
    }

    private void setting(StringBuilder text, String key, Object value) {
        switch (value) {
            case List<?> list -> list.forEach(element -> setting(text, key, element));
            case Map<?, ?> map -> map.forEach((k, v) -> text.append(key).append("=\"")
                    .append(quoted(k + "=" + v, key)).append("\"\n"));
            case Boolean b -> text.append(key).append('=').append(b ? "yes" : "no").append('\n');
            default -> text.append(key).append('=').append(plain(String.valueOf(value), key)).append('\n');
        }
    }

    private String plain(String value, String key) {
        return checked(value, key).replace("%", "%%");
    }

    /** Inside {@code "…"}: C-style escapes for {@code \} and {@code "}, specifiers' {@code %} doubled. */
    private String quoted(String value, String key) {
        return checked(value, key).replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%");
    }

    private String checked(String value, String key) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new ChartException("the unit " + name + ".service: " + key + " has a line break in its value",
                    "a unit's setting is one line; give the value without line breaks");
        }
        return value;
    }
}
