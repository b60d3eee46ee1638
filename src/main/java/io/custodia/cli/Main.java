package io.custodia.cli;

import io.custodia.batch.JobRunner;
import io.custodia.config.ConfigException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code custodia <command> [options]}. Exit codes: 0 success; 1 the work failed (a job, a
 * verification); 2 the command line or a configuration file is wrong. On failure the first line
 * says what failed and what to do; details follow, the full trace goes to the log file.
 */
public final class Main {
    private static final List<Command> COMMANDS = List.of(
            new DemoCommand(), new RunCommand(), new ValidateCommand(), new RestartCommand(), new RecoverCommand(),
            new ExecutionsCommand(), new KeysCommand(), new SampleDataCommand(), new EvidenceCommand(),
            new RestoreCommand(),
            new PurgeCommand(),
            new ReidentifyCommand(),
            new SchedulerCommand(),
            new SchedulesCommand());

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code (for tests, without exiting the JVM). */
    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String a : argv) {
            if ((a.startsWith("--custodia.") || a.startsWith("--spring.")) && a.contains("=")) {
                settings.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                args.add(a);
            }
        }
        if (args.isEmpty() || args.getFirst().equals("--help") || args.getFirst().equals("-h") || args.getFirst().equals("help")) {
            out.print(usage());
            return args.isEmpty() ? 2 : 0;
        }
        Command command = COMMANDS.stream().filter(c -> c.name().equals(args.getFirst())).findFirst().orElse(null);
        if (command == null) {
            err.println("custodia: unknown command '" + args.getFirst() + "'");
            err.print(usage());
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(command.usage());
            return 0;
        }
        try (Context context = new Context(out, err)) {
            context.properties.putAll(settings);
            return command.run(rest, context);
        } catch (UsageException e) {
            err.println("custodia " + command.name() + ": " + e.getMessage());
            err.print(command.usage());
            return 2;
        } catch (ConfigException e) {
            err.println("custodia " + command.name() + ": configuration error: " + e.getMessage());
            err.println("  fix the file at the position shown, then run the command again (nothing was changed)");
            return 2;
        } catch (Throwable e) {
            err.println("custodia " + command.name() + ": failed: " + headline(e));
            details(e, err);
            org.slf4j.LoggerFactory.getLogger(Main.class).error("custodia {} failed", command.name(), e);
            return 1;
        }
    }

    /**
     * The message an operator should read first: a configuration error (it names file, line and
     * column), else {@link JobRunner#meaningful} — Custodia's own or the JDK's, not a wrapper's.
     */
    static Throwable meaningful(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigException) {
                return t;
            }
        }
        return JobRunner.meaningful(e);
    }

    static String headline(Throwable e) {
        Throwable t = meaningful(e);
        String prefix = t instanceof ConfigException ? "configuration error: " : "";
        String m = t.getMessage();
        if (t instanceof FileSystemException f) {
            // the JDK's message is only the path; say what is wrong with it
            m = switch (f) {
                case NoSuchFileException x -> "no such file or directory: " + m;
                case AccessDeniedException x -> "permission denied: " + m;
                case FileAlreadyExistsException x -> "already exists: " + m;
                default -> m;
            };
        }
        return prefix + (m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
    }

    static void details(Throwable e, PrintStream err) {
        Throwable shown = meaningful(e);
        int depth = 0;
        for (Throwable t = e; t != null && depth < 6; t = t.getCause() == t ? null : t.getCause()) {
            if (t != shown && t.getMessage() != null && !t.getClass().getName().startsWith("org.springframework.")) {
                String m = t.getMessage();
                err.println("  caused by: " + t.getClass().getSimpleName() + ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m));
                depth++;
            }
        }
        err.println("  (full details in the log: var/logs/custodia.log)");
    }

    static String usage() {
        StringBuilder b = new StringBuilder("""
                Custodia — scheduled jobs that carry out a customer-information protection policy.

                usage: custodia <command> [options]      (custodia <command> --help for more)

                commands:
                """);
        for (Command c : COMMANDS) {
            b.append(String.format("  %-14s %s%n", c.name(), c.summary()));
        }
        b.append("""

                settings (any command): --custodia.keys-dir=DIR --custodia.state-dir=DIR --custodia.evidence-dir=DIR
                  --custodia.reports-dir=DIR --custodia.threads=N --spring.profiles.active=production
                exit codes: 0 success, 1 the work failed, 2 wrong command line or configuration
                """);
        return b.toString();
    }
}
