package org.shopsuite.canalsync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Follows the binlog of {@code inventory} and {@code accounts} and keeps the Redis L2 cache and every L1 fresh. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling // BinlogHeadWatcher
public class CanalSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(CanalSyncApplication.class, args);
    }
}
