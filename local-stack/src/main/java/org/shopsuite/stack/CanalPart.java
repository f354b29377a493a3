package org.shopsuite.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Canal server, following the MariaDB binlog as a replica would. Its own JVM (it needs Spring 5 and netty 3), run
 * from the canal-server module's classpath; positions live under the stack directory so a restart resumes there.
 */
public final class CanalPart extends Part {

    public static final String DESTINATION = "shopsuite";
    /** The user Canal's clients authenticate as; its password is {@link StackSecret#CANAL_CLIENT_PASSWORD}. */
    public static final String CLIENT_USER = "canal-sync";

    /** The start-up cache's options for this start ({@link StartupCache}). */
    private List<String> cacheOptions = List.of();

    public CanalPart(StackSettings settings) {
        super(settings, "canal", settings.canalPort());
    }

    private Path moduleTarget() {
        return settings.projectRoot().resolve("canal-server").resolve("target");
    }

    @Override
    protected void prepare() throws IOException {
        if (!Files.isDirectory(moduleTarget().resolve("lib"))) {
            throw new IOException("the Canal server is not built (" + moduleTarget().resolve("lib") + " is missing):"
                    + " run `mvn -B -DskipTests package` at the repository root");
        }
        Files.deleteIfExists(readyFile()); // left by a server that was killed: not ready until the new one says so
        cacheOptions = StartupCache.enabled(settings)
                ? startupCacheOptions(name(), StartupCache.classPathIdentity(List.of(serverJar(), moduleTarget().resolve("lib"))), settings.jvmOptions("64m", "256m"))
                : List.of();
    }

    private Path serverJar() {
        return moduleTarget().resolve("canal-server-0.1.0-SNAPSHOT.jar");
    }

    /** Written by canal-server once its destination runs; the port alone opens a moment earlier. */
    private Path readyFile() {
        return dataDir().resolve("ready");
    }

    /** CANAL_DATA_DIR: saved binlog positions, and the ready file. */
    private Path dataDir() {
        return dir().resolve("meta");
    }

    @Override
    protected List<String> command() {
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary()));
        command.addAll(settings.jvmOptions("64m", "256m"));
        command.addAll(cacheOptions);
        command.addAll(List.of("-cp", serverJar() + ":" + moduleTarget().resolve("lib") + "/*",
                "org.shopsuite.canalserver.CanalServerMain"));
        return command;
    }

    /** shopsuite/canal: the same server and settings; positions and the ready file in the container's /data. */
    @Override
    public Optional<ContainerRecipe> containerRecipe() {
        Map<String, String> environment = new HashMap<>(environment());
        environment.put("CANAL_DATA_DIR", "/data");
        return Optional.of(ContainerRecipe.of("shopsuite/canal", environment));
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of(
                "CANAL_HOST", settings.bindAddress(),
                "CANAL_PORT", String.valueOf(port()),
                "CANAL_DB_HOST", settings.host(),
                "CANAL_DB_PORT", String.valueOf(settings.mysqlPort()),
                "CANAL_DB_USER", DatabaseUser.CANAL.userName(),
                "CANAL_DB_PASSWORD", DatabaseUser.CANAL.password().value(settings),
                "CANAL_DESTINATION", DESTINATION,
                "CANAL_CLIENT_USER", CLIENT_USER,
                "CANAL_CLIENT_PASSWORD", clientPassword(),
                "CANAL_DATA_DIR", dataDir().toString());
    }

    /** What a Canal client must authenticate with, besides {@link #CLIENT_USER}. */
    public String clientPassword() {
        return StackSecret.CANAL_CLIENT_PASSWORD.value(settings);
    }

    @Override
    public boolean healthy() {
        // In a container the ready file is the container's: its health check looks at it.
        return Probes.listening(settings.host(), port()) && (inContainer() || Files.isRegularFile(readyFile()));
    }

    @Override
    public boolean startsAJvm() {
        return true;
    }
}
