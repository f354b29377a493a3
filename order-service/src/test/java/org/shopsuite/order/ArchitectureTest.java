package org.shopsuite.order;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.shopsuite.architecture.ServiceArchitecture;

/** order-service keeps the suite's package rules (architecture-rules): no feature cycles, no reaching into another's rows. */
@AnalyzeClasses(packagesOf = OrderServiceApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests suiteRules = ArchTests.in(ServiceArchitecture.class);
}
