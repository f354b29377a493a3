package org.shopsuite.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmark's baseline: what placing an order costs when it is one local transaction on one database behind one
 * HTTP endpoint. {@code ./stack bench} runs it beside the suite to give XA and TCC a ceiling to be measured against.
 */
@SpringBootApplication
public class BaselineServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BaselineServiceApplication.class, args);
    }
}
