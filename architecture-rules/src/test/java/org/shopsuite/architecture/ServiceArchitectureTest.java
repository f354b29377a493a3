package org.shopsuite.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rules fail where they should, on small example services in this module's tests, and only there. */
class ServiceArchitectureTest {

    @Test
    void aCycleBetweenTwoFeaturesIsCaught() {
        EvaluationResult result = ServiceArchitecture.featuresAreFreeOfCycles.evaluate(classesOf("examplecycle"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected: Slice one -> ", "Dependencies of Slice one", "Dependencies of Slice two");
    }

    @Test
    void aFeatureThatNeedsTheBasePackageBackIsACycleToo() {
        EvaluationResult result = ServiceArchitecture.featuresAreFreeOfCycles.evaluate(classesOf("examplebase"));

        assertThat(result.getFailureReport().toString()).contains("Cycle detected: Slice (base package) -> ",
                "Dependencies of Slice feature");
    }

    @Test
    void featuresWithoutACycleAreFine() {
        assertThat(ServiceArchitecture.featuresAreFreeOfCycles.evaluate(classesOf("examplecrossing")).hasViolation())
                .isFalse();
    }

    @Test
    void aControllerReachingAnotherFeaturesRepositoryIsCaughtAndOnlyThatOne() {
        EvaluationResult result = ServiceArchitecture.controllersUseOnlyTheirOwnFeaturesRepositories
                .evaluate(classesOf("examplecrossing"));

        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .contains("examplecrossing.stock.StockController (feature 'stock') uses",
                        "examplecrossing.catalog.CatalogRepository of feature 'catalog'");
    }

    private static JavaClasses classesOf(String exampleService) {
        return new ClassFileImporter().importPackages("org.shopsuite." + exampleService);
    }
}
