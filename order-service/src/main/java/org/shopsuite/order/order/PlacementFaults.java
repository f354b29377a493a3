package org.shopsuite.order.order;

import org.shopsuite.support.fault.FaultInjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A test hook inside order placement, off unless {@code shop.fault-injection.enabled=true} (as FaultInjection).
 * {@code X-Shop-Fault: pause-before-commit:order-service[:<millis>]} holds a global transaction after all its steps
 * are done and before it is committed (default 10 s): a window in which a test stops a participant or the
 * coordinator, so that phase two fails after the commit was decided.
 */
@Component
class PlacementFaults {

    private static final Logger log = LoggerFactory.getLogger(PlacementFaults.class);

    private final boolean enabled;

    PlacementFaults(@Value("${shop.fault-injection.enabled:false}") boolean enabled) {
        this.enabled = enabled;
    }

    void beforeCommit() {
        if (!enabled || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes incoming)) {
            return;
        }
        String[] fault = String.valueOf(incoming.getRequest().getHeader(FaultInjection.HEADER)).split(":");
        if (fault.length < 2 || !fault[0].equals("pause-before-commit") || !fault[1].equals("order-service")) {
            return;
        }
        long millis = fault.length > 2 ? Long.parseLong(fault[2]) : 10_000;
        log.warn("injected fault: all steps done, pausing {} ms before the commit", millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
