package org.shopsuite.systemtest.cache;

import java.time.Duration;
import java.util.List;
import org.shopsuite.systemtest.order.SuiteClient;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/** Reads through both cache-gateway instances, as the public would; as an operator, who may read every balance. */
final class Gateways {

    private final List<String> baseUrls;
    private final TestInfrastructure infra;

    Gateways(TestInfrastructure infra) {
        this.infra = infra;
        this.baseUrls = List.of(infra.baseUrl(infra.service("cache-gateway-1")),
                infra.baseUrl(infra.service("cache-gateway-2")));
    }

    List<String> baseUrls() {
        return baseUrls;
    }

    /** A read; status -1 where the gateway does not answer. */
    Reply get(String baseUrl, String path) {
        return SuiteHttp.sendOrNoAnswer(SuiteHttp.get(baseUrl + path, infra.token(SuiteClient.OPERATOR, true),
                Duration.ofSeconds(5)));
    }
}
