package io.custodia.purge;

import io.custodia.catalog.Catalog;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.ExitStatus;

/**
 * The registers the file partitions of one execution share: read once per plan instead of once per
 * file (reading them was a tenth of a large purge's CPU). Sound because every partition first checks
 * that the register files still have the fingerprints the plan recorded
 * ({@link PurgeFileTasklet#requireRulesUnchanged}), and the plan id is derived from those fingerprints:
 * the same plan id means the same register content. Forgotten when the destroy step ends, so a
 * long-running scheduler does not keep subject keys in memory between purges.
 */
final class SharedRegisters implements StepExecutionListener {
    private String planId;
    private SubjectRegisters registers;

    /** The registers of {@code plan}, loading them if this is the first partition to ask. */
    synchronized SubjectRegisters of(DestructionPlan plan, Catalog catalog, Configuration conf) {
        if (registers == null || !plan.id().equals(planId)) {
            registers = SubjectRegisters.load(catalog, LocalDate.parse(plan.runDate()), conf);
            planId = plan.id();
        }
        return registers;
    }

    synchronized void forget() {
        registers = null;
        planId = null;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        forget();
        return null;
    }
}
