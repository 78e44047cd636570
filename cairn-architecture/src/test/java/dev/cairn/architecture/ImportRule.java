package dev.cairn.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Checks compiled classes: a class of one layer refers only to its own layer and lower ones. */
final class ImportRule {
    private ImportRule() {}

    /** One line per offending reference, naming both classes and both modules. */
    static Set<String> violations(JavaClasses classes) {
        Set<String> violations = new TreeSet<>();
        for (JavaClass origin : classes) {
            if (!origin.getPackageName().startsWith("dev.cairn")) {
                continue;
            }
            Optional<Layers.Layer> from = Layers.owning(origin.getPackageName());
            if (from.isEmpty()) {
                violations.add(origin.getName() + " is in no layer's package (see Layers and docs/architecture.md)");
                continue;
            }
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith("dev.cairn")) {
                    continue;
                }
                Optional<Layers.Layer> to = Layers.owning(target.getPackageName());
                if (to.isPresent() && !Layers.mayDependOn(from.get().module(), to.get().module())) {
                    violations.add(origin.getName() + " (" + from.get().module() + ") uses "
                            + target.getName() + " (" + to.get().module() + "), a higher or unrelated layer");
                }
            }
        }
        return violations;
    }
}
