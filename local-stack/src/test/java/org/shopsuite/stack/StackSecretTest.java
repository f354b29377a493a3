package org.shopsuite.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSecretTest {

    @TempDir
    Path stackDir;

    @Test
    void eachSecretIsGeneratedOnceReadableByItsOwnerOnly() throws Exception {
        StackSettings settings = StackSettings.onFreePorts(Path.of("."), stackDir);

        for (StackSecret secret : StackSecret.values()) {
            String value = secret.value(settings);
            assertThat(value).as("%s", secret).matches("[A-Za-z0-9_+/=-]{32,}");
            assertThat(secret.value(settings)).as("%s on the next start", secret).isEqualTo(value);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.file(settings))))
                    .as("permissions of %s", secret.file(settings)).isEqualTo("rw-------");
        }
        assertThat(Arrays.stream(StackSecret.values()).map(secret -> secret.value(settings)).distinct())
                .as("every secret its own value").hasSize(StackSecret.values().length);
    }

    @Test
    void eachServiceGetsTheSecretsItNeedsAndNoOthers() {
        StackSettings settings = StackSettings.onFreePorts(Path.of("."), stackDir);

        assertThat(environmentOf(settings, "order-service-1")).containsKeys("SHOP_ORDER_DB_PASSWORD", "SHOP_REDIS_PASSWORD")
                .doesNotContainKeys("SHOP_ACCOUNT_DB_PASSWORD", "SHOP_CANAL_DB_PASSWORD", "SHOP_SEATA_CONSOLE_PASSWORD");
        assertThat(environmentOf(settings, "account-service")).containsKey("SHOP_ACCOUNT_DB_PASSWORD")
                .doesNotContainKeys("SHOP_ORDER_DB_PASSWORD", "SHOP_REDIS_PASSWORD");
        assertThat(environmentOf(settings, "canal-sync"))
                .containsKeys("SHOP_CANAL_DB_PASSWORD", "SHOP_CANAL_CLIENT_PASSWORD", "SHOP_REDIS_PASSWORD")
                .doesNotContainKeys("SHOP_INVENTORY_DB_PASSWORD");
        assertThat(environmentOf(settings, "cache-gateway-1")).containsKey("SHOP_REDIS_PASSWORD")
                .doesNotContainKeys("SHOP_ORDER_DB_PASSWORD", "SHOP_CANAL_DB_PASSWORD");
        assertThat(new CanalPart(settings).environment())
                .containsEntry("CANAL_DB_PASSWORD", StackSecret.CANAL_DB_PASSWORD.value(settings))
                .containsEntry("CANAL_CLIENT_USER", CanalPart.CLIENT_USER)
                .containsEntry("CANAL_CLIENT_PASSWORD", StackSecret.CANAL_CLIENT_PASSWORD.value(settings));
        assertThat(new SeataPart(settings).environment())
                .containsEntry("CONSOLE_USER_PASSWORD", StackSecret.SEATA_CONSOLE_PASSWORD.value(settings));
    }

    @Test
    void noPartCarriesASecretOnItsCommandLine() {
        StackSettings settings = StackSettings.onFreePorts(Path.of("."), stackDir);
        List<String> secrets = Arrays.stream(StackSecret.values()).map(secret -> secret.value(settings)).toList();

        for (Part part : Stack.suite(settings).parts()) {
            String commandLine = String.join(" ", part.command());
            for (String secret : secrets) {
                assertThat(commandLine).as("%s's command line: any local user can read it", part.name())
                        .doesNotContain(secret);
            }
        }
    }

    @Test
    void aPasswordThatWouldNeedQuotingInSqlIsRefused() throws Exception {
        StackSettings settings = StackSettings.onFreePorts(Path.of("."), stackDir);
        Files.createDirectories(StackSecret.ORDER_DB_PASSWORD.file(settings).getParent());
        Files.writeString(StackSecret.ORDER_DB_PASSWORD.file(settings), "x' OR '1\n");

        assertThatThrownBy(() -> DatabaseUser.ORDER.unlockStatement(settings))
                .hasMessageContaining("order-db.password").hasMessageContaining("delete the file");
        assertThat(DatabaseUser.ACCOUNT.unlockStatement(settings)).startsWith("ALTER USER IF EXISTS 'account_svc'@'%'")
                .endsWith("ACCOUNT UNLOCK;");
    }

    private static java.util.Map<String, String> environmentOf(StackSettings settings, String part) {
        return Stack.suite(settings).parts(ServicePart.class).stream().filter(p -> p.name().equals(part)).findFirst()
                .orElseThrow().environment();
    }
}
