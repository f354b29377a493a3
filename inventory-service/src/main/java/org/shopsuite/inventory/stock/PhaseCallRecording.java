package org.shopsuite.inventory.stock;

import org.shopsuite.support.transaction.PhaseCalls;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link StockController} applies each phase call once ({@link PhaseCalls}). Imported here rather than on the application
 * class, so that web tests of the other controllers do not need its database.
 */
@Configuration(proxyBeanMethods = false)
@Import(PhaseCalls.class)
class PhaseCallRecording {
}
