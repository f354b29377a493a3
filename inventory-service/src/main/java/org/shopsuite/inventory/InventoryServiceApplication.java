package org.shopsuite.inventory;

import org.springframework.boot.SpringApplication;
import org.shopsuite.support.transaction.PhaseCalls;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** inventory-service: owns inventory_db; serves products; takes part in orders as an XA branch or TCC participant. */
@SpringBootApplication
@Import(PhaseCalls.class)
public class InventoryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryServiceApplication.class, args);
    }
}
