package org.shopsuite.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the suite's Spring Boot services, run from its module's jar. Its application.yml reads the same
 * {@code SHOP_*} variables that compose sets; this part fills them in from the stack's ports.
 */
public final class ServicePart extends Part {

    private final String module;
    private final Map<String, String> extraEnvironment;
    /** How this start runs the jar: the Boot jar itself, or its extracted jars with a start-up cache. */
    private List<String> launch;

    public ServicePart(StackSettings settings, String name, String module, int port, Map<String, String> extra) {
        super(settings, name, port);
        this.module = module;
        this.extraEnvironment = extra;
    }

    private Path jar() {
        return settings.projectRoot().resolve(module).resolve("target").resolve(module + ".jar");
    }

    @Override
    protected void prepare() throws IOException {
        if (!Files.isRegularFile(jar())) {
            throw new IOException(module + " is not built (" + jar() + " is missing): run `mvn -B -DskipTests"
                    + " package` at the repository root");
        }
        launch = null;
        if (StartupCache.enabled(settings)) {
            String jarHash = StartupCache.sha256(jar());
            Path extracted = StartupCache.of(settings, module).extracted(jar(), jarHash);
            List<String> cached = new ArrayList<>(List.of(javaBinary()));
            cached.addAll(jvmOptions());
            cached.addAll(startupCacheOptions(module, jarHash, jvmOptions()));
            cached.addAll(List.of("-jar", extracted.toString()));
            launch = cached;
        }
    }

    private List<String> jvmOptions() {
        return settings.jvmOptions("128m", "512m");
    }

    @Override
    protected List<String> command() {
        if (launch != null) {
            return launch;
        }
        List<String> fromJar = new ArrayList<>(List.of(javaBinary()));
        fromJar.addAll(jvmOptions());
        fromJar.addAll(List.of("-jar", jar().toString()));
        return fromJar;
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(suiteEnvironment(settings));
        env.put("SERVER_PORT", String.valueOf(port()));
        // Natively only: in a container the service must listen on the container's network instead.
        env.put("SERVER_ADDRESS", settings.bindAddress());
        if (InternalAuthKey.MODULES.contains(module)) {
            env.put(InternalAuthKey.ENVIRONMENT_VARIABLE, InternalAuthKey.of(settings));
        }
        for (StackSecret secret : StackSecret.neededBy(module)) {
            env.put(secret.environmentVariable(), secret.value(settings));
        }
        if (DevIssuer.MODULE.equals(module)) {
            env.putAll(DevIssuer.environment(settings));
        }
        env.putAll(extraEnvironment);
        return env;
    }

    /** The variables every service's application.yml reads (compose sets the same ones). */
    public static Map<String, String> suiteEnvironment(StackSettings settings) {
        Map<String, String> env = new HashMap<>();
        env.put("SHOP_MYSQL_HOST", settings.host());
        env.put("SHOP_MYSQL_PORT", String.valueOf(settings.mysqlPort()));
        env.put("SHOP_SEATA_ADDRESS", settings.host() + ":" + settings.seataPort());
        env.put("SHOP_REDIS_SENTINELS", settings.sentinelNodes());
        env.put("SHOP_REDIS_MASTER_NAME", StackSettings.SENTINEL_MASTER_NAME);
        env.put("SHOP_CANAL_HOST", settings.host());
        env.put("SHOP_CANAL_PORT", String.valueOf(settings.canalPort()));
        env.put("SHOP_ACCOUNT_URL", "http://" + settings.host() + ":" + settings.accountPort());
        env.put("SHOP_INVENTORY_URL", "http://" + settings.host() + ":" + settings.inventoryPort());
        // The issuer whose tokens the gateway and services accept; they fetch its keys from <issuer>/oauth2/jwks.
        env.put("SHOP_AUTH_ISSUER", settings.authIssuer());
        env.put("SHOP_ORDER_URLS", String.join(",", settings.orderPorts().stream()
                .map(p -> "http://" + settings.host() + ":" + p).toList()));
        // No proxy in front of the gateways natively: nobody's X-Forwarded-For is believed (compose: nginx's).
        env.put("SHOP_TRUSTED_PROXIES", "");
        return env;
    }

    @Override
    public java.time.Duration startTimeout() {
        return java.time.Duration.ofSeconds(120);
    }

    @Override
    public boolean healthy() {
        return Probes.http("http://" + settings.host() + ":" + port() + "/actuator/health")
                .map(response -> response.statusCode() == 200 && response.body().contains("\"UP\""))
                .orElse(false);
    }

    @Override
    public boolean startsAJvm() {
        return true;
    }
}
