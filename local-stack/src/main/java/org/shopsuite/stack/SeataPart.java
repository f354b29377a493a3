package org.shopsuite.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Seata transaction coordinator (TC) 2.0.0, run from the classpath that the seata-coordinator module assembles.
 * File store under the stack directory: sessions in flight survive a restart, and {@code reset} wipes them.
 */
public final class SeataPart extends Part {

    public SeataPart(StackSettings settings) {
        super(settings, "seata", settings.seataPort());
    }

    private Path classpathDir() {
        return settings.projectRoot().resolve("seata-coordinator").resolve("target").resolve("lib");
    }

    @Override
    protected void prepare() throws IOException {
        if (!Files.isDirectory(classpathDir())) {
            throw new IOException("the Seata coordinator is not built (" + classpathDir() + " is missing): run"
                    + " `mvn -B -DskipTests package` at the repository root");
        }
    }

    @Override
    protected List<String> command() {
        return List.of(javaBinary(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                // Its own parser rejects --spring... arguments: Spring settings go in as system properties.
                "-Dserver.port=" + settings.seataConsolePort(),
                "-Dseata.config.type=file",
                "-Dseata.registry.type=file",
                "-Dseata.store.mode=file",
                "-Dseata.store.file.dir=" + dir().resolve("store"),
                "-Dlog.home=" + dir().resolve("logs"),
                // its embedded SOFA bolt logs to ~/logs/bolt unless told otherwise
                "-Dlogging.path=" + dir().resolve("logs"),
                // At INFO the TC logs ~20 lines per order (every request and response, begin, register, commit),
                // twice (console and file), with caller data: that logging was a third of its CPU per order.
                // Warnings and errors, and its start-up lines, stay.
                "-Dlogging.level.io.seata.core.rpc.processor.server=WARN",
                "-Dlogging.level.io.seata.server.coordinator=WARN",
                "-cp", classpathDir() + "/*",
                "io.seata.server.ServerApplication",
                "-p", String.valueOf(port()),
                "-h", settings.host());
    }

    @Override
    public java.time.Duration startTimeout() {
        return java.time.Duration.ofSeconds(90);
    }

    @Override
    public boolean healthy() {
        return Probes.listening(settings.host(), port())
                && Probes.httpStatus("http://" + settings.host() + ":" + settings.seataConsolePort() + "/") > 0;
    }

    public String address() {
        return settings.host() + ":" + port();
    }
}
