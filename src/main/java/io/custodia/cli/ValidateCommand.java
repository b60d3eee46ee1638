package io.custodia.cli;

import io.custodia.batch.JobFile;
import io.custodia.batch.JobRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code custodia validate <jobs/FILE.yaml>...}: every check {@code run} makes first, without running. */
final class ValidateCommand implements Command {
    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String summary() {
        return "check job files, their catalog and the data's schema without running";
    }

    @Override
    public String usage() {
        return "usage: custodia validate <jobs/FILE.yaml>...\n";
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of(), Set.of());
        args.requirePositional(0, "at least one job file");
        JobRunner runner = context.bean(JobRunner.class);
        for (String f : args.positional) {
            JobFile jf = runner.validate(Path.of(f));
            context.out.println("OK  " + jf.path() + " (" + jf.job() + ", catalog " + jf.catalogPath() + ")");
        }
        return 0;
    }
}
