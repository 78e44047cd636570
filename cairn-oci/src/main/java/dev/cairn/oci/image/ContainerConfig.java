package dev.cairn.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The {@code config} object of an image config: how a container of the image runs. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerConfig(
        @JsonProperty("User") String user,
        @JsonProperty("ExposedPorts") Map<String, EmptyObject> exposedPorts,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal) {

    /** The {@code {}} that stands for "present" in ExposedPorts. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EmptyObject() {}
}
