package org.shopsuite.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteDatabaseTest {

    @Test
    void parametersAreBoundInOrderFromOne() throws Exception {
        List<String> calls = new ArrayList<>();
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + " " + args[0] + " " + args[1]);
                    return null;
                });

        SuiteDatabase.bind(statement, "widget", new BigDecimal("2.50"), 7);

        assertThat(calls).containsExactly("setObject 1 widget", "setObject 2 2.50", "setObject 3 7");
    }
}
