package org.shopsuite.testfixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import org.shopsuite.stack.ContainerRecipe;
import org.shopsuite.stack.MySqlPart;
import org.shopsuite.stack.RedisPart;
import org.shopsuite.stack.StackSettings;

/**
 * A test run that gets killed: started in a JVM of its own by {@link KilledRunCleanupIT}, it starts one part as
 * TestInfrastructure would (a container with {@code containers}, a native process with {@code native}), prints what
 * it left running and waits to be killed.
 */
public final class AbandonedRun {

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("containers")) {
            Path dir = Files.createTempDirectory("shopsuite-abandoned-");
            StackSettings settings = StackSettings.onFreePorts(StackSettings.findProjectRoot(), dir);
            MySqlPart mysql = new MySqlPart(settings);
            ContainerRecipe recipe = mysql.containerRecipe().orElseThrow();
            ContainerEngine.forThisJvm().containerFor(mysql, recipe, mysql.logFile()).start();
            System.out.println("started " + ContainerEngine.labelsOf(ProcessHandle.current().pid())
                    .get(ContainerEngine.RUN_LABEL) + "-" + mysql.name());
        } else {
            // Laid out as TestInfrastructure lays out its runs, so the next run's sweep finds it.
            Path dir = Files.createTempDirectory(TestInfrastructure.TEMP, TestInfrastructure.DIR_PREFIX);
            Files.writeString(dir.resolve("owner.pid"), String.valueOf(ProcessHandle.current().pid()));
            RedisPart redis = new RedisPart(StackSettings.onFreePorts(StackSettings.findProjectRoot(), dir), 0);
            redis.start();
            System.out.println("started " + dir + " " + redis.running().orElseThrow().pid());
        }
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private AbandonedRun() {
    }
}
