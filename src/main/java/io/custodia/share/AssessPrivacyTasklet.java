package io.custodia.share;

import io.custodia.batch.JobRunner;
import io.custodia.batch.Workspace;
import io.custodia.parquet.DatasetFiles;
import io.custodia.share.privacy.ClassCounts;
import io.custodia.share.privacy.PrivacyAssessment;
import io.custodia.share.privacy.PrivacyModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Merges the first pass's class counts of every source file and takes the privacy decision: which
 * classes are suppressed, the risk figures, and whether the export may go out at all. A refused
 * export ends here: its report says why, the work directory is deleted, the job fails and nothing
 * is published.
 */
public final class AssessPrivacyTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(AssessPrivacyTasklet.class);
    private final Workspace workspace;
    private final ShareRunCache cache;

    public AssessPrivacyTasklet(Workspace workspace, ShareRunCache cache) {
        this.workspace = workspace;
        this.cache = cache;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ShareRun share = ShareRun.of(chunkContext, workspace, cache);
        SharePolicy policy = share.policy();
        PrivacyModel model = policy.privacy().model();
        List<FileStatus> files = DatasetFiles.list(policy.source().dataset());
        ClassCounts merged = new ClassCounts(model.l());
        long rowsRead = 0;
        long overflowAt = -1;
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            SourceFile source = SourceFile.of(files.get(i));
            ClassCountPart part = ShareWork.readJson(share.work().pass1(i, "json"), ClassCountPart.class)
                    .filter(p -> p.source().equals(source) && p.policySha256().equals(policy.jobFileSha256()))
                    .orElseThrow(() -> new IllegalStateException("no first-pass counts for " + source.path()
                            + " under this policy: the source files or the policy changed during the run; run it again"));
            rowsRead += part.rowsRead();
            part.rejected().forEach((k, v) -> rejected.merge(k, v, Long::sum));
            if (part.overflow()) {
                overflowAt = part.classes();
                continue;
            }
            int index = i;
            ShareWork.read(share.work().pass1(index, "classes"), in -> {
                merged.readFrom(in);
                return null;
            });
        }
        PrivacyAssessment assessment = PrivacyAssessment.assess(merged, model);
        PrivacyOutcome outcome = PrivacyOutcome.of(policy.jobFileSha256(), rowsRead, assessment, rejected);
        if (overflowAt >= 0) {
            outcome = outcome.refusedBecause(String.format("the quasi-identifiers %s form more than %,d equivalence classes in one source file "
                    + "alone (counting stopped there), more than any export of this data can have with k=%d and at most %.2f%% suppressed",
                    policy.privacy().quasiIdentifiers(), overflowAt - 1, model.k(), 100 * model.maxSuppression()));
        }
        log.info("share {}: {} candidate records in {} classes (class table {} KB); {} suppressed; {}", policy.name(), outcome.candidates(),
                outcome.before().classes(), merged.heapBytes() / 1024, outcome.suppressedRecords(),
                outcome.passed() ? "passes" : "REFUSED: " + outcome.refusals());
        if (!outcome.passed()) {
            var written = ShareReport.refused(share, outcome, chunkContext);
            chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                    .putString(JobRunner.REPORT_KEY, written.html().toString());
            share.work().delete();
            throw new ShareRefusedException("share " + policy.name() + " refused, nothing published: " + String.join("; ", outcome.refusals())
                    + "; generalize the quasi-identifiers further, raise max-suppression, or narrow the row filter");
        }
        ShareWork.writeAtomically(share.work().suppressed(), assessment.suppressed()::writeTo);
        ShareWork.writeJson(share.work().privacy(), outcome);
        return RepeatStatus.FINISHED;
    }
}
