package io.custodia.batch;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;

/**
 * Hands the partitions' step executions to the partition handler in the plan's order (by key:
 * biggest partition first). Spring Batch's own splitter returns a HashSet, whose order decides
 * which partitions the concurrency-limited executor starts first; a big file started last runs
 * alone on one thread while the others are idle.
 */
public final class PlanOrderSplitter implements StepExecutionSplitter {
    private final StepExecutionSplitter splitter;

    public PlanOrderSplitter(StepExecutionSplitter splitter) {
        this.splitter = splitter;
    }

    @Override
    public String getStepName() {
        return splitter.getStepName();
    }

    @Override
    public Set<StepExecution> split(StepExecution stepExecution, int gridSize) throws JobExecutionException {
        Set<StepExecution> ordered = new LinkedHashSet<>();
        splitter.split(stepExecution, gridSize).stream().sorted(Comparator.comparing(StepExecution::getStepName)).forEach(ordered::add);
        return ordered;
    }
}
