package io.custodia.share;

import io.custodia.batch.CrashPoints;
import io.custodia.batch.Progress;
import io.custodia.batch.Workspace;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.share.SharePolicy.OutputColumn;
import io.custodia.share.privacy.ClassCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First pass over one source file: reads only the columns the row filter and the quasi-identifiers
 * need (Parquet projection), applies the filter and the quasi-identifier transforms, and counts
 * equivalence classes by 128-bit fingerprint. Writes nothing but the counts: no record, not even a
 * transformed one, is stored before the privacy decision.
 *
 * <p>Memory is the class table, bounded by the most classes an export of the input could have
 * and still pass ({@link io.custodia.share.privacy.PrivacyModel#maxPassingClasses}); beyond that
 * counting stops (the export will be refused by the privacy step) instead of growing the table.
 */
public final class CountClassesTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(CountClassesTasklet.class);
    private final Workspace workspace;
    private final ShareRunCache cache;

    public CountClassesTasklet(Workspace workspace, ShareRunCache cache) {
        this.workspace = workspace;
        this.cache = cache;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ShareRun share = ShareRun.of(chunkContext, workspace, cache);
        ExecutionContext ctx = contribution.getStepExecution().getExecutionContext();
        int index = ctx.getInt(ShareJobConfiguration.INDEX);
        String file = ctx.getString(ShareJobConfiguration.FILE);
        long inputRows = ctx.getLong(ShareJobConfiguration.INPUT_ROWS);
        SourceFile source = SourceFile.current(file, share.conf());
        SharePolicy policy = share.policy();

        Optional<ClassCountPart> done = ShareWork.readJson(share.work().pass1(index, "json"), ClassCountPart.class);
        if (done.isPresent() && done.get().source().equals(source) && done.get().policySha256().equals(policy.jobFileSha256())
                && (done.get().overflow() || share.work().pass1(index, "classes").toFile().isFile())) {
            log.info("share {}: first pass of {} already done, reusing its counts", policy.name(), ShareWork.partName(index));
            contribution.getStepExecution().setReadCount(done.get().rowsRead());
            return RepeatStatus.FINISHED;
        }
        CrashPoints.reached("share.count." + ShareWork.partName(index));

        List<OutputColumn> columns = share.privacyColumns();
        RowPipeline pipeline = new RowPipeline(policy, share.sourceSchema(policy.firstPassColumns()), columns, share.keys(), share.consent());
        ClassCounts classes = new ClassCounts(policy.privacy().model().l());
        long maxClasses = inputRows < 0 ? Long.MAX_VALUE : policy.privacy().model().maxPassingClasses(inputRows);
        Object[] out = new Object[columns.size()];
        long rows = 0;
        long candidates = 0;
        boolean overflow = false;
        Progress progress = new Progress(log, "share " + policy.name() + " pass 1 " + ShareWork.partName(index), "rows", -1);
        Path path = new Path(file);
        try (RowReader reader = RowFiles.open(path, policy.source().dataset().format(), pipeline.readSchema(), share.conf())) {
            Row row;
            while ((row = reader.next()) != null) {
                if (++rows % 50_000 == 0) {
                    progress.add(50_000);
                }
                if (!pipeline.process(row, out, file, reader)) {
                    continue;
                }
                candidates++;
                classes.add(pipeline.high(), pipeline.low(), pipeline.sensitiveValue(out));
                if (classes.size() > maxClasses) {
                    overflow = true; // the decision is already clear; stop growing the table
                    break;
                }
            }
        }
        progress.add(rows % 50_000);
        progress.finish();
        if (!overflow) {
            ShareWork.writeAtomically(share.work().pass1(index, "classes"), classes::writeTo);
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        long[] r = pipeline.rejected();
        for (int i = 0; i < r.length; i++) {
            rejected.put(columns.get(i).name(), r[i]);
        }
        ShareWork.writeJson(share.work().pass1(index, "json"),
                new ClassCountPart(source, policy.jobFileSha256(), rows, candidates, classes.size(), rejected, overflow));
        contribution.getStepExecution().setReadCount(rows);
        return RepeatStatus.FINISHED;
    }
}
