package org.shopsuite.order.participant;

import feign.Client;
import feign.hc5.ApacheHttp5Client;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns the participants' Feign clients ({@link AccountClient}, {@link InventoryClient}) on, over Apache HttpClient 5.
 * Here rather than on the application class, so a test slice of the web layer ({@code @WebMvcTest}) does not have to
 * build them. The Feign {@link Client} is declared here: with feign-hc5 on the class path alone, Spring Cloud
 * OpenFeign 4.3 still built its clients on the JDK's (ParticipantClientsTest).
 * <p>
 * Why not Feign's default, the JDK's {@code HttpURLConnection}: before each call on a kept-alive connection it probes
 * the socket with a 1 ms read that ends in a {@code SocketTimeoutException} (a stack trace ~180 frames deep, every
 * call), and it silently sends a POST again when a kept-alive connection turns out dead. Here a pooled connection is
 * checked only when it has been idle for a second, idle ones are closed well before Tomcat's keep-alive timeout
 * (60 s) closes them from the other side, and nothing is ever retried: repeating a debit is not safe (timeouts per
 * call: application.yml, applied per request by Feign).
 */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(basePackageClasses = ParticipantClients.class)
class ParticipantClients {

    @Bean(destroyMethod = "close")
    PoolingHttpClientConnectionManager participantConnections() {
        return PoolingHttpClientConnectionManagerBuilder.create()
                // Per participant: more than the concurrent orders one instance takes before Tomcat queues them.
                .setMaxConnPerRoute(200)
                .setMaxConnTotal(400)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(1, TimeUnit.SECONDS)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
    }

    @Bean(destroyMethod = "close")
    CloseableHttpClient participantHttpClient(PoolingHttpClientConnectionManager participantConnections) {
        return HttpClients.custom()
                .setConnectionManager(participantConnections)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /** Off with {@code spring.cloud.openfeign.httpclient.hc5.enabled=false}: Feign's default then (to compare both). */
    @Bean
    @ConditionalOnProperty(value = "spring.cloud.openfeign.httpclient.hc5.enabled", matchIfMissing = true)
    Client participantFeignClient(CloseableHttpClient participantHttpClient) {
        return new ApacheHttp5Client(participantHttpClient);
    }
}
