package org.shopsuite.systemtest.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.shopsuite.stack.StackSecret;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The suite's infrastructure as containers, from the images compose builds from docker/ (the same recipes, the same
 * settings as ./stack): MariaDB, Redis master + 2 replicas + 3 sentinels, the Seata coordinator and the Canal server,
 * on one Docker network. One per test JVM, stopped when the JVM exits.
 *
 * <p>Tests reach MariaDB, Seata and Canal through published ports on localhost. Redis is reached at the containers'
 * own addresses, because the sentinels hand those out (they announce container IPs): on Linux the host routes to the
 * bridge directly; this path does not work where it cannot (Docker Desktop).
 *
 * <p>Without Ryuk, cleanup is ours: everything is labelled {@value #LABEL} with the pid of the JVM that made it.
 * The JVM removes its own at exit; whatever a killed JVM left is removed by the next one before it starts anything.
 */
public final class ContainerInfrastructure {

    static final String LABEL = "org.shopsuite.test";
    static final String OWNER_LABEL = "org.shopsuite.test.owner";
    static final String OWNER = String.valueOf(ProcessHandle.current().pid());
    static final Map<String, String> LABELS = Map.of(LABEL, "containers", OWNER_LABEL, OWNER);
    static final List<String> IMAGES = List.of("shopsuite/mariadb", "shopsuite/redis", "shopsuite/seata", "shopsuite/canal");
    static final int MYSQL_PORT = 3307;
    static final int SEATA_PORT = 8091;
    static final int CANAL_PORT = 11111;
    static final List<Integer> REDIS_PORTS = List.of(6380, 6381, 6382);
    static final List<Integer> SENTINEL_PORTS = List.of(26380, 26381, 26382);
    static final String DESTINATION = "shopsuite";

    private static ContainerInfrastructure shared;

    /** This run's secrets, generated as ./stack and docker/compose-env.sh generate them; handed to the containers. */
    private final Map<StackSecret, String> secrets = new EnumMap<>(StackSecret.class);

    private final Network network;
    private final List<GenericContainer<?>> started = new ArrayList<>();
    private GenericContainer<?> mariadb;
    private GenericContainer<?> seata;
    private GenericContainer<?> canal;
    private final List<GenericContainer<?>> redisNodes = new ArrayList<>();
    private final List<GenericContainer<?>> sentinels = new ArrayList<>();

    private ContainerInfrastructure() {
        network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(LABELS)).build();
        for (StackSecret secret : StackSecret.values()) {
            secrets.put(secret, secret.generate());
        }
    }

    /** One of this run's secrets, e.g. to log in as a service's database user. */
    public String secret(StackSecret secret) {
        return secrets.get(secret);
    }

    public String redisPassword() {
        return secret(StackSecret.REDIS_PASSWORD);
    }

    /** Sets each secret on the container under the variable compose gives it (docker-compose.yml, .env). */
    private GenericContainer<?> withSecrets(GenericContainer<?> container, StackSecret... wanted) {
        for (StackSecret secret : wanted) {
            container.withEnv(secret.environmentVariable(), secret(secret));
        }
        return container;
    }

    /**
     * Starts the containers once per JVM. Without a Docker engine the calling test is skipped with the reason (the
     * same checks run natively in the other ITs), unless SHOP_REQUIRE_DOCKER=true (.ci/run): then it fails.
     */
    public static synchronized ContainerInfrastructure shared() {
        if (shared == null) {
            requireEngineAndImages();
            removeAbandoned();
            ContainerInfrastructure infra = new ContainerInfrastructure();
            Runtime.getRuntime().addShutdownHook(new Thread(infra::stop, "container-infrastructure-stop"));
            long begin = System.nanoTime();
            infra.start();
            System.out.printf("[container-infrastructure] up in %.1f s%n", (System.nanoTime() - begin) / 1e9);
            shared = infra;
        }
        return shared;
    }

    private static void requireEngineAndImages() {
        boolean required = "true".equals(System.getenv("SHOP_REQUIRE_DOCKER"));
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String why = "no Docker engine answers (Testcontainers found none; see its log). Start one (.ci/run"
                    + " installs and starts Debian's docker.io); the native ITs cover the same infrastructure";
            if (required) {
                Assertions.fail("SHOP_REQUIRE_DOCKER=true, but " + why);
            }
            System.out.println("[container-infrastructure] container tests skipped: " + why);
            Assumptions.abort("container tests skipped: " + why);
        }
        DockerClient docker = DockerClientFactory.instance().client();
        for (String image : IMAGES) {
            try {
                docker.inspectImageCmd(image).exec();
            } catch (com.github.dockerjava.api.exception.NotFoundException e) {
                Assertions.fail("image " + image + " is missing: build the images first (docker/base-images.sh, then"
                        + " `docker-compose build` or `docker compose build`; README, Compose)");
            }
        }
    }

    /** Containers and networks of test JVMs that no longer run (killed before their shutdown hook). */
    private static void removeAbandoned() {
        DockerClient docker = DockerClientFactory.instance().client();
        for (Container container : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL, "containers")).exec()) {
            if (!ownerAlive(container.getLabels().get(OWNER_LABEL))) {
                System.out.println("[container-infrastructure] removing leftover container " + container.getNames()[0]);
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
        }
        for (var network : docker.listNetworksCmd().withFilter("label", List.of(LABEL + "=containers")).exec()) {
            if (!ownerAlive(network.getLabels().get(OWNER_LABEL))) {
                System.out.println("[container-infrastructure] removing leftover network " + network.getName());
                docker.removeNetworkCmd(network.getId()).exec();
            }
        }
    }

    private static boolean ownerAlive(String pid) {
        try {
            return pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private GenericContainer<?> container(String image, String alias) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network)
                .withNetworkAliases(alias)
                .withLabels(LABELS)
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(4)));
        return container;
    }

    private void start() {
        try {
            mariadb = withSecrets(container("shopsuite/mariadb", "mysql"), StackSecret.ORDER_DB_PASSWORD,
                    StackSecret.ACCOUNT_DB_PASSWORD, StackSecret.INVENTORY_DB_PASSWORD, StackSecret.CANAL_DB_PASSWORD)
                    .withEnv("MARIADB_PORT", String.valueOf(MYSQL_PORT))
                    // tests log in as root with an empty password, as natively (the port is published on localhost)
                    .withEnv("MARIADB_ROOT_HOST", "%")
                    .withExposedPorts(MYSQL_PORT);
            seata = withSecrets(container("shopsuite/seata", "seata"), StackSecret.SEATA_CONSOLE_PASSWORD,
                    StackSecret.SEATA_CONSOLE_TOKEN_KEY)
                    .withEnv("SEATA_PORT", String.valueOf(SEATA_PORT))
                    .withExposedPorts(SEATA_PORT);
            GenericContainer<?> master = redisNode(0, null);
            startAll(List.of(mariadb, seata, master));

            String masterIp = ip(master);
            canal = container("shopsuite/canal", "canal")
                    .withEnv("CANAL_PORT", String.valueOf(CANAL_PORT))
                    .withEnv("CANAL_DB_HOST", "mysql")
                    .withEnv("CANAL_DB_PORT", String.valueOf(MYSQL_PORT))
                    .withEnv("CANAL_DB_PASSWORD", secret(StackSecret.CANAL_DB_PASSWORD))
                    .withExposedPorts(CANAL_PORT);
            startAll(List.of(canal, redisNode(1, masterIp), redisNode(2, masterIp)));

            List<GenericContainer<?>> sentinelContainers = new ArrayList<>();
            for (int i = 0; i < SENTINEL_PORTS.size(); i++) {
                GenericContainer<?> sentinel = withSecrets(container("shopsuite/redis", "sentinel-" + (i + 1)),
                        StackSecret.REDIS_PASSWORD)
                        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("/usr/local/bin/redis-sentinel.sh"))
                        .withEnv("SENTINEL_PORT", String.valueOf(SENTINEL_PORTS.get(i)))
                        .withEnv("REDIS_MASTER_HOST", masterIp)
                        .withEnv("REDIS_MASTER_PORT", String.valueOf(REDIS_PORTS.get(0)));
                sentinels.add(sentinel);
                sentinelContainers.add(sentinel);
            }
            startAll(sentinelContainers);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** A Redis node announcing its container address; replicas start as replicas of the master's address. */
    private GenericContainer<?> redisNode(int index, String masterIp) {
        GenericContainer<?> node = withSecrets(container("shopsuite/redis", "redis-" + (index + 1)),
                StackSecret.REDIS_PASSWORD)
                .withEnv("REDIS_PORT", String.valueOf(REDIS_PORTS.get(index)));
        if (masterIp != null) {
            node.withEnv("REDIS_REPLICA_OF", masterIp + ":" + REDIS_PORTS.get(0));
        }
        redisNodes.add(node);
        return node;
    }

    private void startAll(List<GenericContainer<?>> containers) {
        started.addAll(containers);
        containers.parallelStream().forEach(GenericContainer::start);
    }

    synchronized void stop() {
        for (GenericContainer<?> container : started) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                System.err.println("[container-infrastructure] could not stop " + container.getDockerImageName() + ": " + e);
            }
        }
        started.clear();
        try {
            network.close();
        } catch (RuntimeException e) {
            System.err.println("[container-infrastructure] could not remove network " + network.getId() + ": " + e);
        }
    }

    // --------------------------------------------------------------------------------------------- addresses

    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + mariadb.getHost() + ":" + mariadb.getMappedPort(MYSQL_PORT) + "/" + database;
    }

    public String seataAddress() {
        return seata.getHost() + ":" + seata.getMappedPort(SEATA_PORT);
    }

    public String canalHost() {
        return canal.getHost();
    }

    public int canalPort() {
        return canal.getMappedPort(CANAL_PORT);
    }

    /** redis://IP:PORT of each sentinel, at its container address (what the sentinels hand out, too). */
    public List<String> sentinelAddresses() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < sentinels.size(); i++) {
            addresses.add("redis://" + ip(sentinels.get(i)) + ":" + SENTINEL_PORTS.get(i));
        }
        return addresses;
    }

    /** The Redis node listening on IP:PORT. */
    public GenericContainer<?> redisNodeAt(String ipAndPort) {
        return redisNodes.stream()
                .filter(node -> ipAndPort.equals(ip(node) + ":" + REDIS_PORTS.get(redisNodes.indexOf(node))))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no Redis node at " + ipAndPort));
    }

    public List<GenericContainer<?>> sentinels() {
        return sentinels;
    }

    /** SIGKILL to a container, as a crash would. */
    public void kill(GenericContainer<?> container) {
        DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).exec();
    }

    static String ip(GenericContainer<?> container) {
        return container.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
    }
}
