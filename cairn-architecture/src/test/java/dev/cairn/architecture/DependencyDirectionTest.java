package dev.cairn.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cairn.store.archfixture.StoreThatKnowsTheCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Dependencies point down only: checked on the poms and on the compiled classes. */
class DependencyDirectionTest {
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern CAIRN_DEPENDENCY =
            Pattern.compile("<groupId>dev\\.cairn</groupId>\\s*<artifactId>([^<]+)</artifactId>");

    @Test
    void everyModuleIsALayerAndItsPomDependsOnLowerLayersOnly() throws IOException {
        Path reactor = Path.of(System.getProperty("cairn.reactor", "..")).toAbsolutePath().normalize();
        List<String> modules = all(MODULE, Files.readString(reactor.resolve("pom.xml")));
        assertThat(modules).contains("cairn-store", "cairn-cli");

        List<String> violations = new ArrayList<>();
        for (String module : modules) {
            if (module.equals("cairn-architecture")) {
                continue;
            }
            if (Layers.module(module).isEmpty()) {
                violations.add(module + " is not in the layer table (Layers, docs/architecture.md)");
                continue;
            }
            String pom = Files.readString(reactor.resolve(module).resolve("pom.xml"));
            for (String dependency : all(CAIRN_DEPENDENCY, withoutParent(pom))) {
                if (!Layers.mayDependOn(module, dependency)) {
                    violations.add(module + " depends on " + dependency + ", which is not below it");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void noClassUsesAHigherLayer() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cairn");
        assertThat(production.containPackage("dev.cairn.store")).isTrue();
        assertThat(production.containPackage("dev.cairn.cli")).isTrue();
        assertThat(production.containPackage("dev.cairn.packaging.sandbox")).isTrue();

        assertThat(ImportRule.violations(production)).isEmpty();
    }

    @Test
    void aLowerLayerThatImportsAHigherOneIsCaught() {
        JavaClasses fixture = new ClassFileImporter().importClasses(StoreThatKnowsTheCli.class);

        assertThat(ImportRule.violations(fixture)).singleElement().asString()
                .contains("StoreThatKnowsTheCli (cairn-store) uses dev.cairn.cli.Cairn (cairn-cli)");
    }

    @Test
    void theTableOnlyPointsDown() {
        assertThat(Layers.mayDependOn("cairn-store", "cairn-cli")).isFalse();
        assertThat(Layers.mayDependOn("cairn-oci", "cairn-store")).isFalse();
        assertThat(Layers.mayDependOn("cairn-image", "cairn-chart")).isFalse();
        assertThat(Layers.mayDependOn("cairn-chart", "cairn-oci")).isTrue();
        assertThat(Layers.mayDependOn("cairn-cli", "cairn-store")).isTrue();
        for (String module : List.of("cairn-oci", "cairn-store", "cairn-inputs", "cairn-packaging",
                "cairn-operable", "cairn-image", "cairn-chart", "cairn-attest", "cairn-workspace")) {
            assertThat(Layers.reachableFrom(module)).as(module).doesNotContain(module, "cairn-cli");
        }
    }

    private static String withoutParent(String pom) {
        return pom.replaceAll("(?s)<parent>.*?</parent>", "");
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1).trim());
        }
        return found;
    }
}
