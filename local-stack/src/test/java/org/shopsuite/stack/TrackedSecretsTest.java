package org.shopsuite.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No secret is tracked in git: every password, key and token is generated where the suite runs (README, "Secrets").
 * Scans every file {@code git ls-files} lists for password assignments, private key blocks, JWT-looking tokens and
 * the suite's former default passwords. (The patterns are spelt in pieces below, so this file does not match itself.)
 */
class TrackedSecretsTest {

    /** Files allowed to hold what the patterns match, each with why. Keep it tiny. */
    private static final Set<String> ALLOWED = Set.of();

    private static final List<Rule> RULES = List.of(
            new Rule("a private key block", "-----BEGIN ([A-Z0-9]+ )*PRIVATE" + " KEY-----"),
            new Rule("a JWT-looking token", "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            new Rule("a former default password", "\\b(order|account|inventory|bench)_" + "pw\\b"),
            // name = "literal" or name: 'literal', in any language; "${PLACEHOLDER}" or "$VARIABLE" is not a literal
            new Rule("a password assigned a literal", "(?i)(password|passwd|secret|secret_?key|token)[\"']?\\s*[:=]\\s*"
                    + "[\"'](?!\\$)[^\"'\\s]{3,}[\"']"),
            // name: value / NAME=value in configuration, env files, Dockerfiles and shell (in Java, `password = x` is
            // code: its literals are the rule above)
            new Rule("a password in configuration", "(?i)^[\\s-]*(export\\s+|ENV\\s+)?[\\w.-]*(password|passwd|secret)"
                    + "[\\w.-]*\\s*[:=]\\s*(?![\"'$]|\\{|\\s|$)[^\\s#]+", name -> !name.endsWith(".java")),
            // a literal between the quotes; '" + password + "' in code that builds the statement is not one
            new Rule("a SQL password", "(?i)IDENTIFIED\\s+BY\\s+'[^'$\"+]+'"),
            new Rule("a Redis password", "(?i)^\\s*(requirepass|masterauth|sentinel\\s+sentinel-pass|sentinel\\s+auth-pass"
                    + "\\s+\\S+)\\s+(?!\\$\\{)\\S+"),
            new Rule("a Seata console default login", "(?i)\\bseata\\s*/\\s*" + "seata\\b"));

    @Test
    void noTrackedFileHoldsASecret() throws IOException, InterruptedException {
        Path root = StackSettings.findProjectRoot();
        List<String> files = trackedFiles(root);
        List<String> findings = new ArrayList<>();
        for (String name : files) {
            Path file = root.resolve(name);
            if (ALLOWED.contains(name) || !Files.isRegularFile(file) || Files.size(file) > 2_000_000) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (isBinary(bytes)) {
                continue;
            }
            findings.addAll(findingsIn(name, new String(bytes, StandardCharsets.UTF_8)));
        }
        assertThat(files).as("git ls-files in " + root).isNotEmpty();
        assertThat(findings).as("tracked files holding what looks like a secret: generate it at run time instead"
                + " (local-stack's StackSecret, docker/compose-env.sh), or allow-list a test fixture in "
                + getClass().getSimpleName()).isEmpty();
    }

    @Test
    void theRulesCatchPlantedSecretsAndLeavePlaceholdersAlone() {
        String planted = String.join("\n",
                "    password: hunter2hunter2",
                "SHOP_REDIS_PASSWORD=s3cr3tvalue",
                "private static final String DB_PASSWORD = \"letmein\";",
                "CREATE USER 'x'@'%' IDENTIFIED" + " BY 'letmein';",
                "requirepass letmein",
                "sentinel auth-pass mymaster letmein",
                "-----BEGIN RSA PRIVATE" + " KEY-----",
                "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlX2hlcmU",
                "username: order_svc / " + "order" + "_pw");
        assertThat(findingsIn("planted.txt", planted)).hasSize(9);
        assertThat(findingsIn("Planted.java", "String password = \"hunter2hunter2\";")).hasSize(1);

        String clean = String.join("\n",
                "    password: ${SHOP_ORDER_DB_PASSWORD}",
                "SHOP_REDIS_PASSWORD: \"${SHOP_REDIS_PASSWORD:?run docker/compose-env.sh once first}\"",
                "requirepass ${REDIS_PASSWORD}",
                "export REDIS_PASSWORD=\"$SHOP_REDIS_PASSWORD\"",
                "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';",
                "pool.setPassword(database.password());",
                "return \"ALTER USER 'x'@'%' IDENTIFIED BY '\" + secret + \"' ACCOUNT UNLOCK;\";",
                "| MariaDB | 3307 | root, empty password, on 127.0.0.1 |");
        assertThat(findingsIn("clean.txt", clean)).isEmpty();
        assertThat(findingsIn("Clean.java", "this.password = password;\nString password = secret.value(settings);"))
                .isEmpty();
    }

    private static List<String> findingsIn(String name, String text) {
        List<String> findings = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Rule rule : RULES) {
                if (rule.appliesTo.test(name) && rule.pattern.matcher(lines[i]).find()) {
                    findings.add(name + ":" + (i + 1) + ": " + rule.what);
                    break; // one finding per line is enough to look at it
                }
            }
        }
        return findings;
    }

    private static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
        assumeTrue(Files.exists(root.resolve(".git")), "not a git checkout: nothing is tracked");
        Process git;
        try {
            git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z").redirectErrorStream(false).start();
        } catch (IOException noGit) {
            assumeTrue(false, "git is not installed: " + noGit.getMessage());
            return List.of();
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as("git ls-files in " + root).isZero();
        return Arrays.stream(out.split("\0")).filter(name -> !name.isEmpty()).toList();
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private record Rule(String what, Pattern pattern, Predicate<String> appliesTo) {
        Rule(String what, String regex, Predicate<String> appliesTo) {
            this(what, Pattern.compile(regex), appliesTo);
        }

        Rule(String what, String regex) {
            this(what, regex, name -> true);
        }
    }
}
