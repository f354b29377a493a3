package org.shopsuite.systemtest.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.CanalPart;
import org.shopsuite.stack.DatabaseUser;
import org.shopsuite.stack.DevIssuer;
import org.shopsuite.stack.InternalAuthKey;
import org.shopsuite.stack.MySqlPart;
import org.shopsuite.stack.Part;
import org.shopsuite.stack.ServicePart;
import org.shopsuite.stack.Stack;
import org.shopsuite.stack.StackSecret;
import org.shopsuite.stack.StackSettings;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, the services' configuration (application.yml, shop-seata-defaults.properties), sql/ and
 * ./stack (local-stack) describe the same suite three times; this keeps them from drifting apart. A plain unit test:
 * it reads files and calls {@link ServicePart#suiteEnvironment}, it starts nothing, so it also guards machines without
 * a Docker engine ({@link ComposeStackIT} runs the compose file where there is one).
 *
 * <p>The rule it enforces: a compose container runs on the contract's port, under the name ./stack gives the same
 * part, and a service gets exactly the variables ./stack would give it, with the same values except that
 * {@code 127.0.0.1:PORT} becomes the compose service listening on PORT.
 */
class ComposeDriftTest {

    static final Path ROOT = StackSettings.findProjectRoot();
    /** The contract's defaults: what ./stack runs when no SHOP_* variable is set. */
    static final StackSettings STACK = StackSettings.fromEnvironment(ROOT, Map.of());
    static final Map<String, String> STACK_ENV = ServicePart.suiteEnvironment(STACK);
    static final String SERVER_PORT = "SERVER_PORT";
    static final String MASTER_NAME = StackSettings.SENTINEL_MASTER_NAME;

    static final Compose COMPOSE = Compose.load(ROOT.resolve("docker-compose.yml"));

    /** The contract's ports of each service module, instance 1 first (README ports table, StackSettings). */
    static final Map<String, List<Integer>> MODULE_PORTS = Map.of(
            "account-service", List.of(STACK.accountPort()),
            "inventory-service", List.of(STACK.inventoryPort()),
            "order-service", STACK.orderPorts(),
            "canal-sync", List.of(STACK.canalSyncPort()),
            "cache-gateway", STACK.gatewayPorts(),
            DevIssuer.MODULE, List.of(STACK.authPort()));

    // ------------------------------------------------------------------------------------------ names and ports

    @Test
    void everyPartOfTheNativeStackRunsInComposeUnderItsNameOnItsPort() {
        for (Part part : Stack.suite(STACK).parts()) {
            assertThat(COMPOSE.services).as("compose services (./stack part %s)", part.name()).containsKey(part.name());
            assertThat(COMPOSE.service(part.name()).exposedPorts())
                    .as("ports exposed by compose service %s", part.name()).startsWith(part.port());
        }
    }

    @Test
    void everyServiceIsBuiltFromItsModuleAndListensOnItsContractPort() {
        assertThat(COMPOSE.builtServices()).extracting(Service::module).containsAll(MODULE_PORTS.keySet());
        for (Service service : COMPOSE.builtServices()) {
            String module = service.module();
            assertThat(ROOT.resolve(module).resolve("pom.xml")).as("module of %s", service.name).isRegularFile();
            assertThat(service.build().get("dockerfile")).as("Dockerfile of %s", service.name)
                    .isEqualTo("docker/suite/Dockerfile");
            assertThat(service.build().get("target")).as("build target of %s", service.name).isEqualTo("service");
            List<Integer> ports = MODULE_PORTS.get(module);
            assertThat(ports).as("contract ports of module %s", module).isNotNull();
            int instance = ports.size() == 1 ? 0 : instanceIndex(service.name, module);
            int port = ports.get(instance);
            assertThat(service.exposedPorts()).as("exposed by %s", service.name).containsExactly(port);
            assertThat(service.environment()).as("environment of %s", service.name)
                    .containsEntry(SERVER_PORT, String.valueOf(port));
            assertThat(ModuleConfiguration.of(module).defaultOf(SERVER_PORT))
                    .as("SERVER_PORT default in %s's application.yml", module).contains(String.valueOf(ports.get(0)));
        }
    }

    private static int instanceIndex(String serviceName, String module) {
        Matcher numbered = Pattern.compile(Pattern.quote(module) + "-(\\d+)").matcher(serviceName);
        assertThat(numbered.matches())
                .as("%s runs several instances: name them %s-1, %s-2, ...", module, module, module).isTrue();
        return Integer.parseInt(numbered.group(1)) - 1;
    }

    @Test
    void onlyNginxIsPublished() {
        assertThat(COMPOSE.services.values().stream().filter(s -> s.definition.containsKey("ports")).map(Service::name))
                .as("compose services publishing ports").containsExactly("nginx");
    }

    @Test
    void nginxReachesOnlyTheGatewaysAndNothingElseReachesNginx() {
        assertThat(COMPOSE.service("nginx").networks()).as("networks of nginx").containsExactly("edge");
        for (Service service : COMPOSE.services.values()) {
            if (service.name.startsWith("cache-gateway-")) {
                assertThat(service.networks()).as("networks of %s", service.name)
                        .containsExactlyInAnyOrder("edge", "backend");
            } else if (!service.name.equals("nginx")) {
                assertThat(service.networks()).as("networks of %s", service.name).containsExactly("backend");
            }
        }
    }

    // ------------------------------------------------------------------------------------- the one configuration

    /** The modules that sign or check /internal/** calls, and so need the suite's internal-call key. */
    static final Set<String> SIGNS_INTERNAL_CALLS = Set.of("order-service", "account-service", "inventory-service");

    @Test
    void eachServiceGetsExactlyTheSuiteVariablesItsConfigurationReads() {
        Set<String> suiteVariables = new TreeSet<>(STACK_ENV.keySet());
        suiteVariables.add(SERVER_PORT);
        Arrays.stream(StackSecret.values()).map(StackSecret::environmentVariable).forEach(suiteVariables::add);
        for (Service service : COMPOSE.builtServices()) {
            Set<String> reads = new TreeSet<>(ModuleConfiguration.of(service.module()).variables().keySet());
            if (SIGNS_INTERNAL_CALLS.contains(service.module())) {
                reads.add(InternalAuthKey.ENVIRONMENT_VARIABLE); // read in code, not in application.yml
                suiteVariables.add(InternalAuthKey.ENVIRONMENT_VARIABLE);
            }
            if (service.module().equals(DevIssuer.MODULE)) {
                suiteVariables.addAll(DevIssuer.VARIABLES); // ./stack sets them on the issuer alone
            }
            Set<String> set = service.environment().keySet();
            assertThat(reads).as("what %s's configuration reads, of all that compose sets on it", service.module())
                    .containsAll(set);
            Set<String> expected = new TreeSet<>(reads);
            expected.retainAll(suiteVariables);
            assertThat(set).as("what compose sets on %s, of the suite variables its configuration reads", service.name)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void composeSetsTheVariablesThatStackSets() {
        Set<String> setByCompose = COMPOSE.builtServices().stream()
                .flatMap(service -> service.environment().keySet().stream())
                .filter(name -> !name.equals(SERVER_PORT))
                // secrets: ./stack generates them per data directory, compose takes them from .env
                .filter(name -> !SECRETS.contains(name))
                // the issuer's own: where its key lives, and whether its development token endpoint is on
                .filter(name -> !DevIssuer.VARIABLES.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(setByCompose).as("variables compose sets on the services vs ServicePart.suiteEnvironment")
                .containsExactlyInAnyOrderElementsOf(STACK_ENV.keySet());
    }

    /** The secrets: generated by ./stack (StackSecret, InternalAuthKey) and by docker/compose-env.sh, never defaulted. */
    static final Set<String> SECRETS = Stream.concat(Stream.of(InternalAuthKey.ENVIRONMENT_VARIABLE),
            Arrays.stream(StackSecret.values()).map(StackSecret::environmentVariable))
            .collect(Collectors.toCollection(TreeSet::new));

    @Test
    void everySecretComposeUsesComesFromTheEnvFileThatComposeEnvWrites() throws IOException {
        String composeEnv = Files.readString(ROOT.resolve("docker/compose-env.sh"));
        Pattern fromEnvFile = Pattern.compile("\\$\\{(SHOP_[A-Z0-9_]+):\\?[^}]*compose-env\\.sh[^}]*}");
        for (Service service : COMPOSE.services.values()) {
            service.environment().forEach((name, value) -> {
                if (SECRETS.contains(name) || value.contains("${SHOP_")) {
                    Matcher reference = fromEnvFile.matcher(value);
                    assertThat(reference.matches()).as("%s on %s: a secret comes from .env, with what to do when it"
                            + " is missing (${SHOP_...:?run docker/compose-env.sh ...}), never a default", name,
                            service.name).isTrue();
                    assertThat(SECRETS).as("secrets ./stack generates too (%s on %s)", name, service.name)
                            .contains(reference.group(1));
                    assertThat(composeEnv).as("docker/compose-env.sh writes %s", reference.group(1))
                            .contains("add " + reference.group(1) + " ");
                }
            });
        }
        for (Service service : COMPOSE.builtServices()) {
            Set<String> secrets = new TreeSet<>(service.environment().keySet());
            secrets.retainAll(SECRETS);
            Set<String> nativeSecrets = StackSecret.neededBy(service.module()).stream()
                    .map(StackSecret::environmentVariable).collect(Collectors.toCollection(TreeSet::new));
            if (SIGNS_INTERNAL_CALLS.contains(service.module())) {
                nativeSecrets.add(InternalAuthKey.ENVIRONMENT_VARIABLE);
            }
            assertThat(secrets).as("secrets compose hands %s vs those ./stack hands it", service.name)
                    .containsExactlyInAnyOrderElementsOf(nativeSecrets);
        }
    }

    @Test
    void composeValuesAreStacksValuesWithServiceNamesForAddresses() {
        for (Service service : COMPOSE.builtServices()) {
            service.environment().forEach((name, value) -> {
                if (STACK_ENV.containsKey(name)) { // others are reported by the tests above
                    assertThat(value).as("%s on %s (./stack: %s)", name, service.name, STACK_ENV.get(name))
                            .isEqualTo(inCompose(name, STACK_ENV.get(name)));
                }
            });
        }
    }

    @Test
    void applicationDefaultsAreStacksDefaults() {
        for (String module : MODULE_PORTS.keySet()) {
            ModuleConfiguration configuration = ModuleConfiguration.of(module);
            configuration.variables().forEach((name, defaultValue) -> {
                if (STACK_ENV.containsKey(name)) {
                    assertThat(defaultValue).as("default of %s in %s's configuration", name, module)
                            .contains(STACK_ENV.get(name));
                }
            });
        }
    }

    /**
     * Values that differ by design: natively the clients reach the gateways directly, in compose through nginx, whose
     * X-Forwarded-For the gateways believe.
     */
    static final Map<String, String> COMPOSE_ONLY_VALUES = Map.of("SHOP_TRUSTED_PROXIES", "nginx");

    /** ./stack's value as compose must write it: every 127.0.0.1:PORT is the compose service listening on PORT. */
    private static String inCompose(String name, String stackValue) {
        if (COMPOSE_ONLY_VALUES.containsKey(name)) {
            return COMPOSE_ONLY_VALUES.get(name);
        }
        if (name.endsWith("_HOST")) {
            String portVariable = name.substring(0, name.length() - "_HOST".length()) + "_PORT";
            assertThat(STACK_ENV).as("%s needs its port in %s", name, portVariable).containsKey(portVariable);
            return COMPOSE.listeningOn(Integer.parseInt(STACK_ENV.get(portVariable))).name;
        }
        return Pattern.compile(Pattern.quote(STACK.host()) + ":(\\d+)").matcher(stackValue)
                .replaceAll(address -> COMPOSE.listeningOn(Integer.parseInt(address.group(1))).name + ":$1");
    }

    // ------------------------------------------------------------------------------------------- infrastructure

    @Test
    void infrastructureListensWhereTheServicesLook() {
        assertThat(COMPOSE.service("mysql").environment()).as("environment of mysql")
                .containsEntry("MARIADB_PORT", String.valueOf(STACK.mysqlPort()));
        assertThat(COMPOSE.service("seata").environment()).as("environment of seata")
                .containsEntry("SEATA_PORT", String.valueOf(STACK.seataPort()))
                .containsEntry("SEATA_CONSOLE_PORT", String.valueOf(STACK.seataConsolePort()));
        assertThat(COMPOSE.service("canal").environment()).as("environment of canal")
                .containsEntry("CANAL_PORT", String.valueOf(STACK.canalPort()))
                .containsEntry("CANAL_DB_HOST", "mysql")
                .containsEntry("CANAL_DB_PORT", String.valueOf(STACK.mysqlPort()));
        assertThat(ModuleConfiguration.of("canal-sync").setting("shop.canal.destination"))
                .as("canal-sync's destination (the canal image serves CANAL_DESTINATION=%s)", CanalPart.DESTINATION)
                .isEqualTo(CanalPart.DESTINATION);
    }

    @Test
    void redisNodesAreOneMasterAndTwoReplicasAnnouncingTheirServiceNames() {
        List<Integer> ports = STACK.redisPorts();
        String sentinels = inCompose("SHOP_REDIS_SENTINELS", STACK_ENV.get("SHOP_REDIS_SENTINELS"));
        for (int i = 0; i < ports.size(); i++) {
            Service node = COMPOSE.service("redis-" + (i + 1));
            Map<String, String> env = node.environment();
            assertThat(env).as("environment of %s", node.name)
                    .containsEntry("REDIS_PORT", String.valueOf(ports.get(i)))
                    .containsEntry("REDIS_ANNOUNCE_HOST", node.name)
                    .containsEntry("SHOP_REDIS_SENTINELS", sentinels);
            if (i == 0) {
                assertThat(env).as("environment of %s, the first master", node.name).doesNotContainKey("REDIS_REPLICA_OF");
            } else {
                assertThat(env).as("environment of %s", node.name)
                        .containsEntry("REDIS_REPLICA_OF", "redis-1:" + STACK.redisMasterPort());
            }
            assertThat(node.namedVolumeTargets()).as("volumes of %s (AOF)", node.name).contains("/data");
        }
    }

    @Test
    void sentinelsWatchTheFirstMasterAndAnnounceTheirServiceNames() {
        for (int i = 0; i < STACK.sentinelPorts().size(); i++) {
            Service sentinel = COMPOSE.service("sentinel-" + (i + 1));
            assertThat(sentinel.environment()).as("environment of %s", sentinel.name)
                    .containsEntry("SENTINEL_PORT", String.valueOf(STACK.sentinelPorts().get(i)))
                    .containsEntry("REDIS_ANNOUNCE_HOST", sentinel.name)
                    .containsEntry("SENTINEL_ANNOUNCE_HOSTNAMES", "yes")
                    .containsEntry("REDIS_MASTER_HOST", "redis-1")
                    .containsEntry("REDIS_MASTER_PORT", String.valueOf(STACK.redisMasterPort()));
            assertThat(sentinel.namedVolumeTargets())
                    .as("volumes of %s: the sentinel rewrites its config", sentinel.name).contains("/data");
        }
    }

    @Test
    void theSentinelScriptFillsEveryPlaceholderOfTheSharedTemplate() throws IOException {
        String script = Files.readString(ROOT.resolve("docker/redis/redis-sentinel.sh"));
        Set<String> fromCompose = COMPOSE.service("sentinel-1").environment().keySet();
        for (String placeholder : placeholders(Files.readString(ROOT.resolve("sentinel/sentinel.conf")))) {
            assertThat(fromCompose.contains(placeholder) || script.contains("export " + placeholder)
                    || script.contains(" " + placeholder + "="))
                    .as("sentinel/sentinel.conf's ${%s}: set by compose or docker/redis/redis-sentinel.sh", placeholder)
                    .isTrue();
        }
    }

    /** The container's mariadbd gets every option ./stack gives it natively, paths and addresses aside. */
    @Test
    void theMariadbImageRunsTheServerAsStackDoes() throws IOException {
        String entrypoint = Files.readString(ROOT.resolve("docker/mariadb/mariadb-entrypoint.sh"));
        Set<String> placeDependent = Set.of("--user", "--datadir", "--port", "--bind-address", "--socket",
                "--pid-file", "--log-bin", "--version");
        List<String> command = nativeCommand(new MySqlPart(STACK));
        assertThat(command).as("MySqlPart's command").contains("--binlog-checksum=NONE");
        for (String option : command.subList(1, command.size())) {
            String name = option.split("=", 2)[0];
            if (placeDependent.contains(name)) {
                assertThat(entrypoint).as("docker/mariadb/mariadb-entrypoint.sh sets %s", name).contains(name + "=");
            } else {
                assertThat(entrypoint).as("docker/mariadb/mariadb-entrypoint.sh (MySqlPart: %s)", option)
                        .contains(option);
            }
        }
        assertThat(entrypoint).as("the announced version").contains("--version=\"5.5.5-$real_version\"");
    }

    @Test
    void theSentinelMasterIsCalledMymasterEverywhere() throws IOException {
        assertThat(MASTER_NAME).isEqualTo("mymaster");
        Pattern masterUse = Pattern.compile(
                "(?:sentinel\\s+(?:monitor|down-after-milliseconds|failover-timeout|parallel-syncs)"
                        + "|get-master-addr-by-name|ckquorum)\\s+([A-Za-z0-9_$-]+)",
                Pattern.CASE_INSENSITIVE);
        List<Path> files = new ArrayList<>(
                List.of(ROOT.resolve("sentinel/sentinel.conf"), ROOT.resolve("docker-compose.yml")));
        try (Stream<Path> scripts = Files.list(ROOT.resolve("docker/redis"))) {
            scripts.forEach(files::add);
        }
        for (Path file : files) {
            Matcher uses = masterUse.matcher(Files.readString(file));
            while (uses.find()) {
                assertThat(uses.group(1)).as("master name in %s: %s", ROOT.relativize(file), uses.group())
                        .isEqualTo(MASTER_NAME);
            }
        }
        for (Service service : COMPOSE.services.values()) {
            String value = service.environment().get("SHOP_REDIS_MASTER_NAME");
            assertThat(value == null || value.equals(MASTER_NAME))
                    .as("SHOP_REDIS_MASTER_NAME on %s: %s", service.name, value).isTrue();
        }
        for (String module : MODULE_PORTS.keySet()) {
            ModuleConfiguration.of(module).settings().forEach((key, value) -> {
                if (key.endsWith("sentinel.master") || key.endsWith("master-name")) {
                    assertThat(resolveDefaults(value)).as("%s in %s's application.yml", key, module)
                            .isEqualTo(MASTER_NAME);
                }
            });
        }
    }

    // ---------------------------------------------------------------------------------------- databases and users

    @Test
    void databaseUsersAreTheOnesSqlCreatesWithPasswordsFromTheirSecrets() throws IOException {
        SqlUsers users = SqlUsers.parse(Files.readString(ROOT.resolve("sql/07-users.sql")));
        String entrypoint = Files.readString(ROOT.resolve("docker/mariadb/mariadb-entrypoint.sh"));
        Set<String> serviceUsers = new TreeSet<>();
        for (String module : MODULE_PORTS.keySet()) {
            ModuleConfiguration configuration = ModuleConfiguration.of(module);
            if (configuration.setting("shop.datasource.url") == null) {
                continue;
            }
            String url = resolveDefaults(configuration.setting("shop.datasource.url"));
            Matcher database = Pattern.compile("//[^/]+/(\\w+)").matcher(url);
            assertThat(database.find()).as("database in %s's JDBC URL %s", module, url).isTrue();
            String user = resolveDefaults(configuration.setting("shop.datasource.username"));
            DatabaseUser databaseUser = DatabaseUser.valueOf(module.replace("-service", "").toUpperCase());
            assertThat(user).as("%s's database user (DatabaseUser.%s)", module, databaseUser)
                    .isEqualTo(databaseUser.userName());
            assertThat(users.created()).as("users sql/07-users.sql creates").contains(user);
            assertThat(configuration.setting("shop.datasource.password")).as("%s's password: its secret, no default",
                    module).isEqualTo("${" + databaseUser.password().environmentVariable() + "}");
            assertThat(users.grantedOn(user)).as("what %s may use (sql/07-users.sql): its own tables only", user)
                    .isNotEmpty().allMatch(table -> table.startsWith(database.group(1) + ".") && !table.endsWith(".*"));
            serviceUsers.add(user);
        }
        assertThat(serviceUsers).as("service database users").hasSize(3);

        assertThat(users.created()).as("users sql/07-users.sql creates, locked, without passwords")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(DatabaseUser.values())
                        .filter(user -> user != DatabaseUser.BENCH).map(DatabaseUser::userName).toList());
        for (DatabaseUser user : DatabaseUser.values()) {
            if (user != DatabaseUser.BENCH) { // the benchmark runs natively only
                assertThat(entrypoint).as("docker/mariadb's entrypoint gives %s its password", user.userName())
                        .contains("[" + user.userName() + "]=" + user.password().environmentVariable());
            }
        }
        assertThat(users.privileges("canal")).as("privileges of canal, the Canal server's login (CanalPart, canal image)")
                .contains("REPLICATION SLAVE", "REPLICATION CLIENT");
        assertThat(users.grantedOn("canal")).as("what canal may read: the binlog, and the tables canal-sync follows")
                .containsExactlyInAnyOrder("*.*", "account_db.accounts", "inventory_db.inventory");
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    /** A part's command line as ./stack would run it (Part.command() is protected: read, not changed, here). */
    @SuppressWarnings("unchecked")
    private static List<String> nativeCommand(Part part) {
        try {
            java.lang.reflect.Method command = Part.class.getDeclaredMethod("command");
            command.setAccessible(true);
            return (List<String>) command.invoke(part);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the command of " + part.name(), e);
        }
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code ${VAR:default}} replaced by its default: what a service uses when the variable is not set. */
    private static String resolveDefaults(String value) {
        return value == null ? null : PLACEHOLDER.matcher(value)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
    }

    /** docker-compose.yml, as compose reads it (anchors and merge keys resolved). */
    record Compose(Map<String, Service> services) {

        @SuppressWarnings("unchecked")
        static Compose load(Path file) {
            Map<String, Object> document;
            try (Reader reader = Files.newBufferedReader(file)) {
                document = new Yaml().load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Service> services = new LinkedHashMap<>();
            ((Map<String, Map<String, Object>>) document.get("services"))
                    .forEach((name, definition) -> services.put(name, new Service(name, definition)));
            return new Compose(services);
        }

        Service service(String name) {
            assertThat(services).as("compose services").containsKey(name);
            return services.get(name);
        }

        /** The Spring Boot services: the containers built from docker/suite/Dockerfile's service target. */
        List<Service> builtServices() {
            return services.values().stream().filter(s -> s.module() != null).toList();
        }

        Service listeningOn(int port) {
            List<Service> listening = services.values().stream().filter(s -> s.exposedPorts().contains(port)).toList();
            assertThat(listening).as("compose services exposing port %d", port).hasSize(1);
            return listening.get(0);
        }
    }

    record Service(String name, Map<String, Object> definition) {

        String module() {
            if (build() == null) {
                return null;
            }
            Object args = build().get("args");
            return args instanceof Map<?, ?> map ? String.valueOf(map.get("MODULE")) : null;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> build() {
            return (Map<String, Object>) definition.get("build");
        }

        /** The environment, written as a map or as a list of NAME=value. */
        Map<String, String> environment() {
            Map<String, String> env = new TreeMap<>();
            Object declared = definition.get("environment");
            if (declared instanceof Map<?, ?> map) {
                map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            } else if (declared instanceof List<?> list) {
                for (Object entry : list) {
                    String[] pair = String.valueOf(entry).split("=", 2);
                    env.put(pair[0], pair.length > 1 ? pair[1] : "");
                }
            }
            return env;
        }

        List<String> networks() {
            Object networks = definition.get("networks");
            if (networks instanceof Map<?, ?> map) {
                return map.keySet().stream().map(String::valueOf).toList();
            }
            return networks instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of("default");
        }

        List<Integer> exposedPorts() {
            Object expose = definition.get("expose");
            if (!(expose instanceof List<?> ports)) {
                return List.of();
            }
            return ports.stream().map(p -> Integer.parseInt(String.valueOf(p).replaceAll("/.*", ""))).toList();
        }

        /** Where named volumes are mounted in the container. */
        Set<String> namedVolumeTargets() {
            Set<String> targets = new HashSet<>();
            for (String[] volume : volumes()) {
                if (!volume[0].startsWith(".") && !volume[0].startsWith("/")) {
                    targets.add(volume[1]);
                }
            }
            return targets;
        }

        private List<String[]> volumes() {
            Object volumes = definition.get("volumes");
            if (!(volumes instanceof List<?> list)) {
                return List.of();
            }
            return list.stream().map(v -> String.valueOf(v).split(":")).toList();
        }
    }

    /**
     * What a service module's configuration reads: the {@code ${VAR:default}} placeholders of its application.yml,
     * plus service-support's shop-seata-defaults.properties when the module depends on service-support, plus
     * shop-api's shop-resource-server-defaults.properties when it checks bearer tokens (service-support, or the
     * resource-server starter itself).
     */
    record ModuleConfiguration(String module, Map<String, Optional<String>> variables, Map<String, String> settings) {

        private static final Map<String, ModuleConfiguration> CACHE = new TreeMap<>();

        static synchronized ModuleConfiguration of(String module) {
            return CACHE.computeIfAbsent(module, ModuleConfiguration::read);
        }

        private static ModuleConfiguration read(String module) {
            try {
                Path yml = ROOT.resolve(module).resolve("src/main/resources/application.yml");
                String text = Files.readString(yml);
                Map<String, String> settings = new TreeMap<>();
                flatten("", new Yaml().load(text), settings);
                if (dependsOn(module, "service-support")) {
                    String seata = Files.readString(
                            ROOT.resolve("service-support/src/main/resources/shop-seata-defaults.properties"));
                    text += "\n" + seata;
                }
                if (dependsOn(module, "service-support")
                        || dependsOn(module, "spring-boot-starter-oauth2-resource-server")) {
                    text += "\n" + Files.readString(
                            ROOT.resolve("shop-api/src/main/resources/shop-resource-server-defaults.properties"));
                }
                Map<String, Optional<String>> variables = new TreeMap<>();
                PLACEHOLDER.matcher(text).results()
                        .forEach(m -> variables.put(m.group(1), Optional.ofNullable(m.group(2))));
                return new ModuleConfiguration(module, variables, settings);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Optional<String> defaultOf(String variable) {
            return variables.getOrDefault(variable, Optional.empty());
        }

        String setting(String key) {
            return settings.get(key);
        }

        private static void flatten(String prefix, Object node, Map<String, String> out) {
            if (node instanceof Map<?, ?> map) {
                map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
            } else {
                out.put(prefix, String.valueOf(node));
            }
        }

        private static boolean dependsOn(String module, String artifactId) {
            try {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(false);
                var pom = factory.newDocumentBuilder().parse(ROOT.resolve(module).resolve("pom.xml").toFile());
                NodeList dependencies = pom.getElementsByTagName("dependency");
                for (int i = 0; i < dependencies.getLength(); i++) {
                    Element dependency = (Element) dependencies.item(i);
                    NodeList ids = dependency.getElementsByTagName("artifactId");
                    if (ids.getLength() > 0 && ids.item(0).getTextContent().trim().equals(artifactId)) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + module + "/pom.xml", e);
            }
        }
    }

    /** The users sql/07-users.sql creates (locked, without passwords) and their grants. */
    record SqlUsers(Set<String> created, Map<String, List<Grant>> grants) {

        record Grant(String privileges, String on) {
        }

        static SqlUsers parse(String sql) {
            Set<String> created = new TreeSet<>();
            Pattern.compile("CREATE USER (?:IF NOT EXISTS )?'(\\w+)'@'%' ACCOUNT LOCK;")
                    .matcher(sql).results().forEach(m -> created.add(m.group(1)));
            Map<String, List<Grant>> grants = new TreeMap<>();
            Pattern.compile("GRANT (.+?) ON (\\S+) TO '(\\w+)'@'%'").matcher(sql).results()
                    .forEach(m -> grants.computeIfAbsent(m.group(3), u -> new ArrayList<>())
                            .add(new Grant(m.group(1), m.group(2))));
            return new SqlUsers(created, grants);
        }

        /** The objects ({@code db.table}, {@code *.*}) the user was granted anything on. */
        List<String> grantedOn(String user) {
            return grants.getOrDefault(user, List.of()).stream().map(Grant::on).toList();
        }

        String privileges(String user) {
            return grants.getOrDefault(user, List.of()).stream().map(Grant::privileges)
                    .collect(Collectors.joining(", "));
        }
    }
}
