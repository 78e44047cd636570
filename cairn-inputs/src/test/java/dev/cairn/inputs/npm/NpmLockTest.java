package dev.cairn.inputs.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** package-lock.json, integrity values and npm's registry configuration, read without a network. */
class NpmLockTest {
    private static final String SHA512 = "sha512-" + "A".repeat(86) + "==";

    @TempDir
    Path temp;

    @Test
    void theStrongestIntegrityIsKeptAndSha1AloneIsWeak() {
        Integrity both = Integrity.parse("sha1-" + "A".repeat(27) + "= " + SHA512, "x");
        assertThat(both.algorithm()).isEqualTo("sha512");
        assertThat(both.weak()).isFalse();
        assertThat(Integrity.parse("sha1-" + "A".repeat(27) + "=", "x").weak()).isTrue();
        assertThatThrownBy(() -> Integrity.parse("md5-AAAA", "pad")).hasMessageContaining("pad: no sha512");
    }

    @Test
    void aLockYieldsEntriesByInstallPathWithTarballsRelativeToTheRegistry() throws IOException {
        Path file = lock("""
                "node_modules/@s/pad": { "version": "1.0.0", "resolved": "http://127.0.0.1:9/mirror/@s/pad/-/pad-1.0.0.tgz",
                  "integrity": "%s", "bin": "cli.js" },
                "node_modules/@s/pad/node_modules/b": { "version": "2.0.0", "resolved": "http://127.0.0.1:9/b/-/b-2.0.0.tgz",
                  "integrity": "%s", "dev": true, "hasInstallScript": true }""".formatted(SHA512, SHA512));

        PackageLock lock = PackageLock.read(file);

        assertThat(lock.entries().keySet()).containsExactly("node_modules/@s/pad", "node_modules/@s/pad/node_modules/b");
        PackageLock.Entry pad = lock.entries().get("node_modules/@s/pad");
        assertThat(pad.name()).isEqualTo("@s/pad");
        assertThat(pad.bin()).containsEntry("pad", "cli.js");
        assertThat(pad.tarball().relativePath()).isEqualTo("@s/pad/-/pad-1.0.0.tgz");
        assertThat(pad.tarball().storeName()).isEqualTo("npm-s-pad-1.0.0");
        assertThat(lock.entries().get("node_modules/@s/pad/node_modules/b").dev()).isTrue();
        assertThat(lock.entries().get("node_modules/@s/pad/node_modules/b").hasInstallScript()).isTrue();
    }

    @Test
    void installPathsAndBinsThatLeaveTheirDirectoryAreRefused() throws IOException {
        Path escaping = lock("\"node_modules/../../etc\": { \"version\": \"1\", \"resolved\": \"http://127.0.0.1/x/-/x-1.tgz\", "
                + "\"integrity\": \"" + SHA512 + "\" }");
        assertThatThrownBy(() -> PackageLock.read(escaping)).isInstanceOf(InputsException.class)
                .hasMessageContaining("'node_modules/../../etc' is not an install path");
        Path bin = lock("\"node_modules/x\": { \"version\": \"1\", \"resolved\": \"http://127.0.0.1/x/-/x-1.tgz\", "
                + "\"integrity\": \"" + SHA512 + "\", \"bin\": { \"x\": \"../../evil\" } }");
        assertThatThrownBy(() -> PackageLock.read(bin)).hasMessageContaining("would leave its directory");
    }

    @Test
    void theRegistryComesFromTheEnvironmentThenTheUsersNpmrc() throws IOException {
        Files.writeString(temp.resolve(".npmrc"), "# mine\nregistry = http://127.0.0.1:1/npm\n@s:registry=${SCOPED}\n");
        Map<String, String> env = Map.of("HOME", temp.toString(), "SCOPED", "http://127.0.0.1:2/",
                "npm_config_globalconfig", temp.resolve("none").toString());

        NpmRegistries registries = NpmRegistries.fromEnvironment(env);
        assertThat(registries.registryFor("pad")).isEqualTo(URI.create("http://127.0.0.1:1/npm/"));
        assertThat(registries.registryFor("@s/pad")).isEqualTo(URI.create("http://127.0.0.1:2/"));

        NpmRegistries overridden = NpmRegistries.fromEnvironment(Map.of("HOME", temp.toString(),
                "NPM_CONFIG_REGISTRY", "http://127.0.0.1:3/", "npm_config_globalconfig", temp.resolve("none").toString()));
        assertThat(overridden.registryFor("pad")).isEqualTo(URI.create("http://127.0.0.1:3/"));

        NpmRegistries none = NpmRegistries.fromEnvironment(Map.of("HOME", temp.resolve("empty").toString(),
                "npm_config_globalconfig", temp.resolve("none").toString()));
        assertThatThrownBy(() -> none.registryFor("pad")).hasMessageContaining("no npm registry is configured");
    }

    private Path lock(String entries) throws IOException {
        return Files.writeString(temp.resolve("package-lock.json"), """
                { "lockfileVersion": 3, "packages": { "": { "name": "app" },
                %s } }
                """.formatted(entries));
    }
}
