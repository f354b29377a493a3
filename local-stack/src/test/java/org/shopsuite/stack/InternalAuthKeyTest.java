package org.shopsuite.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalAuthKeyTest {

    @TempDir
    Path stackDir;

    @Test
    void aStackDirectoryGetsOneRandomKeyReadableByItsOwnerOnly() throws Exception {
        StackSettings settings = StackSettings.onFreePorts(Path.of("."), stackDir);

        String key = InternalAuthKey.of(settings);

        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(InternalAuthKey.of(settings)).as("the same key on every start").isEqualTo(key);
        Path file = InternalAuthKey.file(settings);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(file.getParent()).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void anotherStackDirectoryGetsAnotherKey() {
        String first = InternalAuthKey.of(StackSettings.onFreePorts(Path.of("."), stackDir.resolve("one")));
        String second = InternalAuthKey.of(StackSettings.onFreePorts(Path.of("."), stackDir.resolve("two")));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void onlyTheServicesThatSignOrCheckInternalCallsGetIt() {
        StackSettings settings = StackSettings.onFreePorts(Path.of("."), stackDir);
        Stack suite = Stack.suite(settings);

        for (ServicePart service : suite.parts(ServicePart.class)) {
            boolean takesPart = service.name().matches("(order|account|inventory)-service(-\\d)?");
            assertThat(service.environment().containsKey(InternalAuthKey.ENVIRONMENT_VARIABLE))
                    .as("%s gets %s", service.name(), InternalAuthKey.ENVIRONMENT_VARIABLE).isEqualTo(takesPart);
        }
    }
}
