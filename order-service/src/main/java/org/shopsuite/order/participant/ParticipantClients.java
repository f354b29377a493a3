package org.shopsuite.order.participant;

import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

/**
 * Turns the participants' Feign clients ({@link AccountClient}, {@link InventoryClient}) on. Here rather than on the
 * application class, so a test slice of the web layer ({@code @WebMvcTest}) does not have to build them.
 */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(basePackageClasses = ParticipantClients.class)
class ParticipantClients {
}
