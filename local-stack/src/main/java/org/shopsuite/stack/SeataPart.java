package org.shopsuite.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Seata transaction coordinator (TC) 2.0.0, run from the classpath that the seata-coordinator module assembles.
 * File store under the stack directory: sessions in flight survive a restart, and {@code reset} wipes them.
 */
public final class SeataPart extends Part {

    /** The console's user; its password is the stack's {@link StackSecret#SEATA_CONSOLE_PASSWORD}. */
    public static final String CONSOLE_USER = "seata";

    /** The start-up cache's options for this start ({@link StartupCache}). */
    private List<String> cacheOptions = List.of();

    public SeataPart(StackSettings settings) {
        super(settings, "seata", settings.seataPort());
    }

    private Path moduleTarget() {
        return settings.projectRoot().resolve("seata-coordinator").resolve("target");
    }

    private Path classpathDir() {
        return moduleTarget().resolve("lib");
    }

    /** The module's own jar: the bind-address extension (below) that the coordinator has no option for. */
    private Path bindExtensionJar() {
        return moduleTarget().resolve("seata-coordinator-0.1.0-SNAPSHOT.jar");
    }

    @Override
    protected void prepare() throws IOException {
        Path missing = !Files.isDirectory(classpathDir()) ? classpathDir()
                : !Files.isRegularFile(bindExtensionJar()) ? bindExtensionJar() : null;
        if (missing != null) {
            throw new IOException("the Seata coordinator is not built (" + missing + " is missing): run"
                    + " `mvn -B -DskipTests package` at the repository root");
        }
        cacheOptions = StartupCache.enabled(settings)
                ? startupCacheOptions(name(), StartupCache.classPathIdentity(List.of(bindExtensionJar(), classpathDir())), settings.jvmOptions("128m", "512m"))
                : List.of();
    }

    @Override
    protected List<String> command() {
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary()));
        command.addAll(settings.jvmOptions("128m", "512m"));
        command.addAll(cacheOptions);
        command.addAll(List.of(
                // Its own parser rejects --spring... arguments: Spring settings go in as system properties.
                "-Dserver.port=" + settings.seataConsolePort(),
                "-Dserver.address=" + settings.bindAddress(),
                // The coordinator binds its RPC port on every interface and has no option against it (its -h only
                // names the address it registers); the seata-coordinator module's Netty extension moves the bind
                // to this address.
                "-Dio.netty.bootstrap.extensions=serviceload",
                "-Dshop.seata.bind-address=" + settings.bindAddress(),
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
                "-cp", bindExtensionJar() + ":" + classpathDir() + "/*",
                "io.seata.server.ServerApplication",
                "-p", String.valueOf(port()),
                "-h", settings.host()));
        return command;
    }

    /** shopsuite/seata: the same coordinator and options, bound to the same address by the same extension. */
    @Override
    public Optional<ContainerRecipe> containerRecipe() {
        return Optional.of(ContainerRecipe.of("shopsuite/seata", Map.of(
                "SEATA_PORT", String.valueOf(port()),
                "SEATA_CONSOLE_PORT", String.valueOf(settings.seataConsolePort()),
                "SEATA_HOST", settings.host(),
                "SEATA_BIND", settings.bindAddress(),
                "SHOP_SEATA_CONSOLE_PASSWORD", StackSecret.SEATA_CONSOLE_PASSWORD.value(settings),
                "SHOP_SEATA_CONSOLE_TOKEN_KEY", StackSecret.SEATA_CONSOLE_TOKEN_KEY.value(settings))));
    }

    /**
     * The console's login, by environment (a -D option would show the password to every local user in the process
     * list). Without these the console accepts Seata's built-in login and signs its tokens with a key published in Seata's jar.
     */
    @Override
    protected Map<String, String> environment() {
        return Map.of(
                "CONSOLE_USER_USERNAME", CONSOLE_USER,
                "CONSOLE_USER_PASSWORD", StackSecret.SEATA_CONSOLE_PASSWORD.value(settings),
                "SEATA_SECURITY_SECRETKEY", StackSecret.SEATA_CONSOLE_TOKEN_KEY.value(settings));
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

    @Override
    public boolean startsAJvm() {
        return true;
    }
}
