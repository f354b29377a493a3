package org.shopsuite.order.participant;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.participant.CreditRequest;
import org.shopsuite.support.internalauth.InternalCallAuthentication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;

/** The participants are called over Apache HttpClient 5, not Feign's default (the JDK's HttpURLConnection). */
class ParticipantClientsTest {

    @Test
    void participantCallsGoOverApacheHttpClient5() throws Exception {
        AtomicReference<String> userAgent = new AtomicReference<>();
        HttpServer participant = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        participant.createContext("/", exchange -> {
            userAgent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        participant.start();
        try {
            String url = "http://127.0.0.1:" + participant.getAddress().getPort();
            new WebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(FeignAutoConfiguration.class,
                            HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
                            InternalCallAuthentication.class))
                    .withUserConfiguration(ParticipantClients.class)
                    .withPropertyValues("shop.account.url=" + url, "shop.inventory.url=" + url,
                            "SHOP_INTERNAL_AUTH_KEY=" + Base64.getEncoder().encodeToString(new byte[32]))
                    .run(context -> {
                        context.getBean(AccountClient.class).debit(7, new CreditRequest(new BigDecimal("1.00")));

                        assertThat(userAgent.get()).startsWith("Apache-HttpClient/5");
                    });
        } finally {
            participant.stop(0);
        }
    }
}
