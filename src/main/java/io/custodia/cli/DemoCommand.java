package io.custodia.cli;

import io.custodia.batch.JobFile;
import io.custodia.batch.JobRunner;
import io.custodia.batch.RunOutcome;
import io.custodia.crypto.KeyDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code custodia demo}: every job on the committed sample data, keys created if missing. */
final class DemoCommand implements Command {
    /** The order a night runs its jobs in; a job type not built yet is simply absent. */
    static final List<String> ORDER = List.of("inventory", "backup", "verify", "purge", "share", "reconcile");

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run every job on the bundled sample data and show where the reports are";
    }

    @Override
    public String usage() {
        return """
                usage: custodia demo [--jobs DIR] [--date YYYY-MM-DD]

                Creates the keys if missing (var/keys), copies jobs/ and sample-data/ to var/demo/ (once;
                jobs that destroy or rewrite data work on that copy, never on the committed files), then
                runs every job file whose job exists, in the order of a night (inventory, backup, verify,
                purge, share, reconcile), and prints where the reports are. A job already completed for
                that date is not run twice; delete var/demo to start over.
                """;
    }

    /** var/demo/{jobs,sample-data}: relative paths in the job files keep working on the copy. */
    static Path demoCopy(Path home) throws IOException {
        Path demo = home.resolve("var/demo");
        for (String dir : List.of("jobs", "sample-data")) {
            Path target = demo.resolve(dir);
            if (Files.exists(target)) {
                continue;
            }
            Path tmp = demo.resolve("." + dir + ".copying");
            org.springframework.util.FileSystemUtils.deleteRecursively(tmp);
            org.springframework.util.FileSystemUtils.copyRecursively(home.resolve(dir), tmp);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return demo.resolve("jobs");
    }

    @Override
    public int run(List<String> raw, Context context) throws IOException {
        Args args = Args.parse(raw, Set.of("jobs", "date"), Set.of());
        args.expectPositionals(0);
        Path jobsDir = args.options.containsKey("jobs") ? args.path("jobs", null) : demoCopy(context.home());
        LocalDate date = args.date("date", LocalDate.now());
        new KeyDirectory(context.keysDir()).init().stream().filter(l -> l.startsWith("created")).forEach(context.out::println);

        JobRunner runner = context.bean(JobRunner.class);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(jobsDir)) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        List<JobFile> runnable = new ArrayList<>();
        for (Path f : files) {
            String job = io.custodia.config.YamlNode.load(f).optionalString("job").orElse("");
            if (runner.jobNames().contains(job)) {
                runnable.add(runner.validate(f));
            } else {
                context.out.println("skipped " + jobsDir.relativize(f) + ": job '" + job + "' is not part of this build yet");
            }
        }
        runnable.sort((a, b) -> Integer.compare(ORDER.indexOf(a.job()), ORDER.indexOf(b.job())));
        int failures = 0;
        for (JobFile jf : runnable) {
            context.out.println("== " + jf.name() + " (" + jf.job() + ") for " + date);
            RunOutcome o = runner.run(jf.path(), date, false);
            if (RunCommand.report(o, context) != 0) {
                failures++;
            }
        }
        context.out.println();
        context.out.println("all runs: " + context.reportsDir().resolve("index.html"));
        context.out.println("evidence ledger: " + context.evidenceDir().resolve("ledger.jsonl") + " (check it with `./custodia evidence verify`)");
        if (failures > 0) {
            context.err.println("custodia demo: " + failures + " job(s) failed; see the messages above");
            return 1;
        }
        return 0;
    }
}
