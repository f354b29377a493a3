package org.shopsuite.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code ./stack up | status | down | reset | logs PART | token USER_ID [--admin]}: see the README. */
public final class StackCommand {

    private StackCommand() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Stack stack = Stack.suite(StackSettings.fromEnvironment(StackSettings.findProjectRoot(), System.getenv()));
        PrintStream out = System.out;
        int exit = switch (args[0]) {
            case "up" -> up(stack, out);
            case "status" -> status(stack, out);
            case "down" -> {
                benchmarkDown(stack, out);
                stack.down(out);
                yield 0;
            }
            case "reset" -> {
                benchmarkDown(stack, out);
                stack.reset(out);
                yield 0;
            }
            case "logs" -> logs(stack, args.length > 1 ? args[1] : null, out);
            case "token" -> token(stack, args, out);
            default -> {
                usage();
                yield 2;
            }
        };
        System.exit(exit);
    }

    private static int up(Stack stack, PrintStream out) {
        out.println("starting shopsuite in " + stack.settings().stackDir());
        try {
            stack.up(out);
        } catch (Stack.StartFailure failure) {
            System.err.println();
            System.err.println("FAILED: " + failure.getMessage());
            System.err.println("Fix the cause, then run ./stack up again (parts already up stay up).");
            return 1;
        }
        out.println();
        status(stack, out);
        return 0;
    }

    private static int status(Stack stack, PrintStream out) {
        boolean allHealthy = true;
        for (Part part : stack.parts()) {
            Optional<ProcessHandle> process = part.running();
            boolean healthy = process.isPresent() && part.isHealthy();
            allHealthy &= healthy;
            out.printf("%-16s %6d  pid %-8s %-8s %s%n", part.name(), part.port(),
                    process.map(p -> String.valueOf(p.pid())).orElse("-"),
                    healthy ? "healthy" : "DOWN",
                    healthy ? part.detail() : "log: " + part.logFile());
        }
        return allHealthy ? 0 : 1;
    }

    private static int logs(Stack stack, String name, PrintStream out) throws IOException {
        Optional<Part> part = Optional.ofNullable(name).flatMap(stack::part);
        if (part.isEmpty()) {
            System.err.println("usage: ./stack logs PART, where PART is one of: "
                    + String.join(" ", stack.parts().stream().map(Part::name).toList()));
            return 2;
        }
        Path log = part.get().logFile();
        if (!Files.exists(log)) {
            System.err.println(part.get().name() + " has no log yet (" + log + ")");
            return 1;
        }
        Files.copy(log, out);
        return 0;
    }

    /** A user id of the API: a positive long, digits only. */
    private static boolean isUserId(String text) {
        try {
            return text.matches("[1-9][0-9]{0,18}") && Long.parseLong(text) > 0;
        } catch (NumberFormatException beyondALong) {
            return false;
        }
    }

    /** {@code token USER_ID [--admin]}: a bearer token from the running development issuer, on a line of its own. */
    private static int token(Stack stack, String[] args, PrintStream out) {
        boolean admin = args.length == 3 && args[2].equals("--admin");
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !admin) || !isUserId(args[1])) {
            System.err.println("usage: ./stack token USER_ID [--admin]   (USER_ID a positive integer up to "
                    + Long.MAX_VALUE + "; --admin adds scope shop.admin)");
            return 2;
        }
        try {
            out.println(DevIssuer.token(stack.settings(), Long.parseLong(args[1]), admin));
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("FAILED: " + e.getMessage());
            return 1;
        }
    }

    /** A baseline-service left behind by an interrupted {@code ./stack bench}. */
    private static void benchmarkDown(Stack stack, PrintStream out) {
        Stack.benchmark(stack.settings(), System.getenv()).down(out);
    }

    private static void usage() {
        System.err.println("usage: ./stack up | status | down | reset | logs PART | token USER_ID [--admin]");
    }
}
