package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.inputs.testing.AptListsMirror;
import dev.cairn.oci.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example services of examples/, the Java one (Maven) and the Node.js one (npm), built by
 * cairn's builders as a developer would: locked, fetched, then built in an empty network
 * namespace, checked bit for bit, and built again from another checkout. The Debian packages
 * come from a file: mirror of the machine's apt data and the Maven artifacts from the machine's
 * ~/.m2 served on 127.0.0.1, so nothing leaves the machine.
 */
@Tag("integration")
class ExampleServicesTest {
    private static final List<String> SERVICES = List.of("//greeter/packages/greeter", "//notes/packages/notes");
    private static final List<String> NO_NETWORK = List.of("unshare", "-n");

    @TempDir
    Path temp;

    @Test
    void theCommittedLockAnswersWhatTheExamplesAsk() throws Exception {
        Path examples = ExampleWorkspaces.copy(temp.resolve("examples"));
        Processes.ok("make", "-s", "-C", examples.toString());

        CliRun check = CliRun.run(TestWorkspace.environment(temp), "-C", examples.toString(), "lock", "--check");

        assertThat(check.exitCode()).as(check.err()).isZero();
    }

    @Test
    void theServicesBuildWithoutNetworkReproduciblyAndAlikeFromAnotherCheckout() throws Exception {
        AptListsMirror mirror = AptListsMirror.build(temp.resolve("mirror"));
        Path checkout;
        // Locking realises the JDK and Maven into its store to run them: the builds get a store
        // and a cache of their own, which hold nothing but what the fetch brings.
        Map<String, String> environment = TestWorkspace.environment(temp.resolve("offline"));
        try (MavenRepositoryServer maven = MavenRepositoryServer.serving(MavenRepositoryServer.M2)) {
            checkout = ExampleWorkspaces.offlineCopy(temp.resolve("one/examples"), mirror, maven);
            ok(CliRun.run(TestWorkspace.environment(temp), "-C", checkout.toString(), "lock"));
            assertThat(store()).doesNotExist();
            assertThat(temp.resolve("offline/cache")).doesNotExist();

            for (String service : SERVICES) {
                ok(CliRun.run(environment, "-C", checkout.toString(), "fetch", service));
            }
        }
        Files.move(temp.resolve("mirror"), temp.resolve("mirror-gone"));

        Map<String, String> paths = new LinkedHashMap<>();
        for (String service : SERVICES) {
            CliRun build = ok(CliRun.under(NO_NETWORK, environment, "-C", checkout.toString(), "build", service));
            assertThat(build.err()).as(service).doesNotContain("fetching");
            paths.put(service, build.out().strip());
        }
        Path greeter = stored(paths.get("//greeter/packages/greeter"));
        assertThat(greeter.resolve("share/java/greeter-1.0.jar")).isRegularFile();
        String classpath = Files.readString(greeter.resolve("share/java/classpath")).strip();
        assertThat(classpath).contains("-jackson-databind-2.21.2.jar");
        assertThat(Files.readAllLines(greeter.resolve("bin/greeter"))).last().isEqualTo("exec java ${JAVA_OPTS-} -cp "
                + paths.get("//greeter/packages/greeter") + "/share/java/greeter-1.0.jar:" + classpath
                + " dev.cairn.examples.greeter.GreeterServer \"$@\"");
        Processes.ok("shellcheck", greeter.resolve("bin/greeter").toString());
        assertThat(stored(paths.get("//notes/packages/notes")).resolve("lib/node_modules/notes/lib/notes.js")).isRegularFile();

        for (String service : SERVICES) {
            CliRun check = ok(CliRun.under(NO_NETWORK, environment, "-C", checkout.toString(), "build", "--check", service));
            assertThat(check.err()).contains("bit for bit");
        }

        // A unit test of the example that fails fails the build, naming the test; nothing reaches the store.
        Path broken = temp.resolve("broken/examples");
        Files.createDirectories(broken.getParent());
        Processes.ok("cp", "-r", checkout.toString(), broken.toString());
        Path test = broken.resolve("cells/greeter/service/src/test/java/dev/cairn/examples/greeter/GreeterTest.java");
        Files.writeString(test, Files.readString(test).replace("\"Hello, Ada!\"", "\"Hi, Ada!\""));
        CliRun failing = CliRun.under(NO_NETWORK, environment, "-C", broken.toString(), "build", "//greeter/packages/greeter");
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.err()).contains("greetsANameWithTheSalutation").contains("build of greeter-1.0 failed");

        Path other = temp.resolve("two/elsewhere/examples");
        Files.createDirectories(other.getParent());
        Processes.ok("cp", "-r", checkout.toString(), other.toString());
        for (String service : SERVICES) {
            CliRun build = ok(CliRun.under(NO_NETWORK, environment, "-C", other.toString(), "build", service));
            assertThat(build.out().strip()).as(service).isEqualTo(paths.get(service));
        }
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private Path stored(String path) {
        assertThat(path).startsWith("/cairn/store/");
        return store().resolve(path.substring("/cairn/store/".length()));
    }

    /** The store of the fetch and the offline builds. */
    private Path store() {
        return temp.resolve("offline/store");
    }
}
