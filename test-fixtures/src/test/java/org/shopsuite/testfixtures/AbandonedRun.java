package org.shopsuite.testfixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.shopsuite.stack.ContainerRecipe;
import org.shopsuite.stack.MySqlPart;
import org.shopsuite.stack.StackSettings;

/**
 * A test run that gets killed: started in a JVM of its own by {@link ContainerCleanupIT}, it starts one part's
 * container as TestInfrastructure would, prints the container's name and waits to be killed.
 */
public final class AbandonedRun {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("shopsuite-abandoned-");
        StackSettings settings = StackSettings.onFreePorts(StackSettings.findProjectRoot(), dir);
        MySqlPart mysql = new MySqlPart(settings);
        ContainerRecipe recipe = mysql.containerRecipe().orElseThrow();
        DockerPartContainer container = ContainerEngine.forThisJvm().containerFor(mysql, recipe, mysql.logFile());
        container.start();
        System.out.println("started " + ContainerEngine.labelsOf(ProcessHandle.current().pid())
                .get(ContainerEngine.RUN_LABEL) + "-" + mysql.name());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private AbandonedRun() {
    }
}
