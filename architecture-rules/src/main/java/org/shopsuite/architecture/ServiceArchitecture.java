package org.shopsuite.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The package rules every shopsuite service keeps. A service's <em>features</em> are the packages right below its
 * base package, each with everything under it: {@code org.shopsuite.<service>.<feature>..} (order-service: order,
 * lock, participant). A service checks itself with
 * <pre>{@code
 * @AnalyzeClasses(packagesOf = MyServiceApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests suiteRules = ArchTests.in(ServiceArchitecture.class);
 * }
 * }</pre>
 * Both rules allow a service with nothing to check (canal-sync is one package and has no controller): they guard what
 * is added later.
 */
public final class ServiceArchitecture {

    /** The name the base package's own classes (the application class, a command) go by in a cycle. */
    static final String BASE_PACKAGE = "(base package)";

    /**
     * {@code org.shopsuite.<service>.<feature>..} is one slice per feature, and the base package is one more: it may
     * start the features, but a feature that needs it back makes a cycle as much as two features do.
     */
    static final SliceAssignment FEATURES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            if (!type.getPackageName().startsWith("org.shopsuite.")) {
                return SliceIdentifier.ignore();
            }
            String feature = feature(type);
            return SliceIdentifier.of(feature.isEmpty() ? BASE_PACKAGE : feature);
        }

        @Override
        public String getDescription() {
            return "the features (org.shopsuite.<service>.<feature>..) and the base package of a service";
        }
    };

    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String REPOSITORY = "org.springframework.stereotype.Repository";

    private ServiceArchitecture() {
    }

    /** Two features that need each other are one feature that can be neither read nor changed apart. */
    @ArchTest
    public static final ArchRule featuresAreFreeOfCycles = slices().assignedFrom(FEATURES)
            .should().beFreeOfCycles()
            .allowEmptyShould(true);

    /**
     * A controller (@RestController included) reads and writes only through its own feature: another feature's rows
     * are reached through that feature's own classes, which keep its rules (locks, checks, versions).
     */
    @ArchTest
    public static final ArchRule controllersUseOnlyTheirOwnFeaturesRepositories = classes()
            .that().areMetaAnnotatedWith(CONTROLLER)
            .should(useOnlyRepositoriesOfTheirOwnFeature())
            .allowEmptyShould(true);

    private static ArchCondition<JavaClass> useOnlyRepositoriesOfTheirOwnFeature() {
        return new ArchCondition<>("use only the repositories of their own feature") {
            @Override
            public void check(JavaClass controller, ConditionEvents events) {
                // One event per repository reached, however many fields, parameters and calls reach it.
                Map<JavaClass, Dependency> reached = new LinkedHashMap<>();
                for (Dependency dependency : controller.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.isMetaAnnotatedWith(REPOSITORY) && !feature(target).equals(feature(controller))) {
                        reached.putIfAbsent(target, dependency);
                    }
                }
                reached.forEach((repository, first) -> events.add(SimpleConditionEvent.violated(controller,
                        controller.getName() + " (feature '" + feature(controller) + "') uses "
                                + repository.getName() + " of feature '" + feature(repository) + "': "
                                + first.getDescription())));
            }
        };
    }

    /** The feature a class belongs to: the package segment right below its service's base package, or "". */
    static String feature(JavaClass type) {
        String[] segments = type.getPackageName().split("\\.");
        return segments.length > 3 ? segments[3] : "";
    }
}
