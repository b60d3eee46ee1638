package io.custodia.crossborder;

import io.custodia.batch.CrashPoints;
import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * One partition: scans the egress log file its partition names into sorted runs and a summary
 * ({@code part-<partition>.json}, written last and atomically, so its presence means the partition
 * is complete).
 */
final class ScanEgressFileTasklet implements Tasklet {

    private final Workspace workspace;

    ScanEgressFileTasklet(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunContext run = RunContext.of(chunkContext, ReconcileJobConfiguration.JOB);
        ExecutionContext ctx = contribution.getStepExecution().getExecutionContext();
        String partition = ctx.getString(ReconcileJobConfiguration.PARTITION_KEY);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(ctx.getString(ReconcileJobConfiguration.FILE_KEY));
        ReconcileSettings settings = ReconcileSettings.from(run.jobFile());
        ReconcileInputs inputs = ReconcileInputs.of(run.jobFile());
        var conf = Storage.configuration();
        Path dir = WorkDirectory.of(WorkDirectory.root(settings, workspace), run.executionId());
        ReconcilePeriod period = new ReconcilePeriod(run.runDate(), settings.zone());

        LedgerReader.Result ledger = LedgerReader.read(inputs.ledger(), conf, inputs.locations());
        int n = ledger.rows().size();
        String[] ids = new String[n];
        boolean[] inPeriod = new boolean[n];
        for (LedgerRow r : ledger.rows()) {
            ids[r.index()] = r.transferId();
            inPeriod[r.index()] = period.contains(r.date(settings.zone()));
        }
        EgressScanner scanner = new EgressScanner(new EgressScanner.LedgerView(new TransferIndex(ledger.rows()), ids, inPeriod), period,
                WorkDirectory.key(dir), new HashSet<>(inputs.egress().columnNames()), settings.malformedShown(), settings.maxGroups());
        CrashPoints.reached("reconcile.scan." + partition);
        EgressScan scan = scanner.scan(file, inputs.locations().display(file), conf, dir, "part-" + partition, settings.sortBuffer());

        Path summary = dir.resolve("part-" + partition + ".json");
        Path tmp = dir.resolve(".part-" + partition + ".json.tmp");
        try {
            Files.writeString(tmp, Json.MAPPER.writeValueAsString(scan), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + summary + ": " + e.getMessage(), e);
        }
        FingerprintSorter.durableRename(tmp, summary);
        contribution.getStepExecution().setReadCount(scan.lines());
        ctx.putString("summary", summary.toString());
        ctx.putLong("lines", scan.lines());
        ctx.putLong("malformed", scan.malformed());
        return RepeatStatus.FINISHED;
    }
}
