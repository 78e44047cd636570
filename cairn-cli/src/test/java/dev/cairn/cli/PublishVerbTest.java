package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.oci.testing.FaultyProxy;
import dev.cairn.oci.testing.Processes;
import dev.cairn.oci.testing.LocalRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cairn publish against Debian's docker-registry on 127.0.0.1, read back with skopeo. */
@Tag("integration")
class PublishVerbTest {
    @TempDir
    Path temp;

    @Test
    void publishesAndARepublishOfTheUnchangedImageUploadsNoBlob() throws Exception {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));
        try (LocalRegistry registry = LocalRegistry.start(); FaultyProxy proxy = FaultyProxy.to(registry)) {
            String to = proxy.address() + "/team/site:1.0";
            CliRun first = CliRun.run(env(), "-C", workspace.toString(), "publish", "//web/oci-images/site", "--to", to);
            long uploadsBefore = proxy.blobUploads();
            CliRun second = CliRun.run(env(), "-C", workspace.toString(), "publish", "//web/oci-images/site", "--to", to);

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out().strip()).matches(java.util.regex.Pattern.quote(proxy.address())
                    + "/team/site@sha256:[0-9a-f]{64}");
            assertThat(uploadsBefore).isPositive();
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).isEqualTo(first.out());
            assertThat(proxy.blobUploads()).as("blob uploads by the second publish").isEqualTo(uploadsBefore);
            assertThat(second.err()).contains("no blob uploaded");

            String inspect = Processes.ok("skopeo", "inspect", "--tls-verify=false", "docker://" + registry.address()
                    + "/team/site:1.0");
            assertThat(inspect).contains(first.out().strip().substring(first.out().indexOf('@') + 1));
            Processes.ok("skopeo", "copy", "--src-tls-verify=false", "docker://" + registry.address() + "/team/site:1.0",
                    "oci:" + temp.resolve("copy") + ":site");
        }
    }

    @Test
    void aConnectionDroppedMidUploadIsRetried() throws Exception {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));
        try (LocalRegistry registry = LocalRegistry.start(); FaultyProxy proxy = FaultyProxy.to(registry)) {
            proxy.dropUploads(2);

            CliRun publish = CliRun.run(env(), "-C", workspace.toString(), "publish", "//web/oci-images/site",
                    "--to", proxy.address() + "/team/site");

            assertThat(publish.exitCode()).as(publish.err()).isZero();
            assertThat(proxy.dropped()).isEqualTo(2);
        }
    }

    @Test
    void aRegistryThatAlwaysDropsUploadsFailsThePushAndGetsNoManifest() throws Exception {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));
        try (LocalRegistry registry = LocalRegistry.start(); FaultyProxy proxy = FaultyProxy.to(registry)) {
            proxy.dropAllUploads();

            CliRun publish = CliRun.run(env(), "-C", workspace.toString(), "publish", "//web/oci-images/site",
                    "--to", proxy.address() + "/team/site:broken");

            assertThat(publish.exitCode()).isEqualTo(1);
            assertThat(publish.err()).contains("cairn: error:").contains(proxy.address()).doesNotContain("\tat ");
            assertThat(proxy.count("PUT", ".*/manifests/.*")).isZero();
            Processes.Result inspect = Processes.run("skopeo", "inspect", "--tls-verify=false",
                    "docker://" + registry.address() + "/team/site:broken");
            assertThat(inspect.exit()).isNotZero();
        }
    }

    @Test
    void aRegistryAskingForCredentialsGetsThemFromDockerConfig() throws Exception {
        Path workspace = TestWorkspace.create(temp.resolve("ws"));
        try (LocalRegistry registry = LocalRegistry.builder().basicAuth("ci", "s3cret").start()) {
            String to = registry.address() + "/private/site";
            Map<String, String> anonymous = with(env(), "DOCKER_CONFIG", Files.createDirectories(temp.resolve("none")).toString());
            CliRun refused = CliRun.run(anonymous, "-C", workspace.toString(), "publish", "//web/oci-images/site", "--to", to);

            Path config = Files.createDirectories(temp.resolve("docker"));
            String auth = Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
            Files.writeString(config.resolve("config.json"),
                    "{\"auths\":{\"" + registry.address() + "\":{\"auth\":\"" + auth + "\"}}}");
            CliRun accepted = CliRun.run(with(env(), "DOCKER_CONFIG", config.toString()), "-C", workspace.toString(),
                    "publish", "//web/oci-images/site", "--to", to);

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains(registry.address()).contains("login").doesNotContain("\tat ");
            assertThat(accepted.exitCode()).as(accepted.err()).isZero();
            assertThat(accepted.out()).contains(registry.address() + "/private/site@sha256:");
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestWorkspace.environment(temp));
        env.put("XDG_RUNTIME_DIR", temp.resolve("runtime").toString());
        env.putIfAbsent("DOCKER_CONFIG", temp.resolve("no-docker-config").toString());
        return env;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
