package org.shopsuite.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.shopsuite.architecture.ServiceArchitecture;
import org.shopsuite.gateway.cache.CacheMetrics;
import org.shopsuite.gateway.cache.L1Cache;
import org.shopsuite.gateway.cache.L2Cache;
import org.shopsuite.gateway.cache.TwoLevelCache;

/** cache-gateway keeps the suite's package rules (architecture-rules): no feature cycles, no reaching into another's rows. */
@AnalyzeClasses(packagesOf = CacheGatewayApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests suiteRules = ArchTests.in(ServiceArchitecture.class);

    /** The levels report to the metrics, never the other way round: what a fill did is FillOutcome, its own type. */
    @ArchTest
    static final ArchRule cacheMetricsDoNotDependOnTheCacheLevels = noClasses().that().belongToAnyOf(CacheMetrics.class)
            .should().dependOnClassesThat().belongToAnyOf(L1Cache.class, L2Cache.class, TwoLevelCache.class);
}
