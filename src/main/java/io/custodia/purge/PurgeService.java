package io.custodia.purge;

import io.custodia.batch.JobFile;
import io.custodia.batch.JobFileLock;
import io.custodia.batch.JobRunner;
import io.custodia.batch.RunOutcome;
import io.custodia.batch.RunParameters;
import io.custodia.batch.Workspace;
import io.custodia.evidence.Json;
import io.custodia.storage.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * What the {@code custodia purge} commands do: plan without changing anything, approve a plan by
 * name (a signed ledger entry), execute an approved plan (the purge job, identified by the plan).
 */
@Service
public class PurgeService {
    private final JobRunner runner;
    private final JobOperator operator;
    private final JobRepository repository;
    private final Job purgeJob;
    private final Workspace workspace;
    private final PurgeDirectories dirs;

    public PurgeService(JobRunner runner, JobOperator operator, JobRepository repository, Job purgeJob, Workspace workspace,
            PurgeDirectories dirs) {
        this.runner = runner;
        this.operator = operator;
        this.repository = repository;
        this.purgeJob = purgeJob;
        this.workspace = workspace;
        this.dirs = dirs;
    }

    public record Planned(DestructionPlan plan, Path file, boolean approved) {
    }

    public Planned plan(Path jobFile, LocalDate runDate) {
        JobFile jf = requirePurgeJob(jobFile);
        PlanStore store = new PlanStore(dirs.plans());
        DestructionPlan plan = store.save(Planner.plan(jf, runDate, Storage.configuration(), Clock.systemUTC(), workspace.properties().threads()));
        return new Planned(plan, store.file(plan.id()), approval(plan, store).isPresent());
    }

    public Approval approve(String planId, String by, String note) {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("--by must name the person approving");
        }
        if (by.strip().equalsIgnoreCase(workspace.properties().operator())) {
            throw new IllegalArgumentException("'" + by + "' is the operator who runs the purge (custodia.operator); "
                    + "a destruction is approved by someone else (seed 001 5.1: sensitive operations need a second person)");
        }
        PlanStore store = new PlanStore(dirs.plans());
        DestructionPlan plan = store.load(planId);
        JobFile jf = requirePurgeJob(Path.of(plan.jobFile()));
        DestructionPlan now = Planner.plan(jf, LocalDate.parse(plan.runDate()), Storage.configuration(), Clock.systemUTC(), workspace.properties().threads());
        if (!now.id().equals(plan.id())) {
            throw new FilePurger.InputsChangedException("plan " + planId + " is out of date: " + PlanDifferences.describe(plan, now)
                    + ". Nothing was approved; plan again and approve the new plan");
        }
        Optional<Approval> existing = approval(plan, store);
        if (existing.isPresent()) {
            return existing.get();
        }
        Outcome full = totals(plan, Scope.FULL);
        Approval a = new Approval(plan.id(), store.sha256(plan.id()), plan.runDate(), by.strip(), Clock.systemUTC().instant().toString(),
                note == null ? "" : note, full.rowsIn() - full.rowsOut());
        workspace.ledger().append(Approval.ENTRY_TYPE, a.toBody(), workspace.keys().signer());
        DurableFiles.write(dirs.plans().resolve(plan.id() + ".approval.json"), Json.PRETTY.writeValueAsString(a));
        return a;
    }

    public RunOutcome execute(String planId) {
        DestructionPlan plan = new PlanStore(dirs.plans()).load(planId);
        JobFile jf = runner.validate(Path.of(plan.jobFile()));
        JobParameters params = new JobParametersBuilder(new RunParameters(jf.path().toString(), LocalDate.parse(plan.runDate()), false)
                .toJobParameters()).addString(PurgeJobConfiguration.PLAN_PARAMETER, planId, true).toJobParameters();
        try (JobFileLock.Held lock = runner.runLock(jf)) {
            JobExecution last = repository.getLastJobExecution(purgeJob.getName(), params);
            JobExecution e;
            if (last == null) {
                e = operator.start(purgeJob, params);
            } else if (last.getStatus() == BatchStatus.COMPLETED) {
                return new RunOutcome(last.getId(), BatchStatus.COMPLETED, "NOOP", "plan " + planId + " was already executed as execution "
                        + last.getId() + "; nothing was run again", report(last), true);
            } else if (last.getStatus().isRunning()) {
                throw new IllegalStateException("plan " + planId + " is being executed as execution " + last.getId()
                        + "; if its process is gone, run `custodia recover` first");
            } else {
                e = operator.restart(last);
            }
            String message = e.getStatus() == BatchStatus.COMPLETED ? "completed"
                    : e.getAllFailureExceptions().stream().map(JobRunner::rootMessage).findFirst().orElse(e.getExitStatus().getExitDescription());
            return new RunOutcome(e.getId(), e.getStatus(), e.getExitStatus().getExitCode(), message, report(e), false);
        } catch (IllegalStateException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new IllegalStateException("cannot execute plan " + planId + ": " + ex.getMessage(), ex);
        }
    }

    /** Plan lines for the terminal: totals per scope, held, awaiting, what to do next. */
    public List<String> describe(Planned p) {
        DestructionPlan plan = p.plan();
        List<String> out = new ArrayList<>();
        out.add("plan " + plan.id() + " for " + plan.runDate() + ": " + p.file());
        for (Scope s : plan.scopes()) {
            Outcome o = totals(plan, s);
            List<String> parts = new ArrayList<>();
            for (Reason r : Reason.values()) {
                Count c = o.destroyed(r);
                if (!c.zero()) {
                    parts.add(String.format("%s: %,d rows destroyed, %,d rows losing expired levels, %,d values", r.label(),
                            c.rowsDeleted(), c.rowsRedacted(), c.values()));
                }
            }
            out.add("  " + (s.equals(plan.auto()) ? "pre-approved by the job file (" + s.describe() + ")" : "with a named approval (everything)")
                    + ": " + (parts.isEmpty() ? "nothing to destroy" : String.join("; ", parts) + String.format("; %,d files change",
                    plan.filesChangedBy(s).size())));
        }
        Outcome full = totals(plan, Scope.FULL);
        long held = full.held().values().stream().mapToLong(Count::rows).sum();
        out.add(String.format("  kept under legal hold: %,d rows", held));
        Outcome auto = totals(plan, plan.auto());
        if (auto != null && !auto.awaitingApproval().zero()) {
            out.add(String.format("  awaiting approval unless approved by name: %,d rows (erasure requests)", auto.awaitingApproval().rowsDeleted()));
        }
        if (plan.filesChangedBy(Scope.FULL).isEmpty()) {
            out.add("  nothing to approve");
        } else if (p.approved()) {
            out.add("  approved (evidence ledger); execute it with: custodia purge execute " + plan.id());
        } else {
            out.add("  approve it with: custodia purge approve " + plan.id() + " --by NAME; then: custodia purge execute " + plan.id());
        }
        return out;
    }

    /** Sums over datasets (customers summed per dataset, not distinct across them); null when the plan has no such scope. */
    static Outcome totals(DestructionPlan plan, Scope s) {
        Outcome sum = Outcome.EMPTY;
        for (DestructionPlan.DatasetPlan d : plan.datasets()) {
            Outcome o = d.outcomes().get(s.code());
            if (o == null) {
                return null;
            }
            sum = sum.plus(o);
        }
        return sum;
    }

    private Optional<Approval> approval(DestructionPlan plan, PlanStore store) {
        if (!workspace.keys().path(io.custodia.crypto.KeyDirectory.SIGNING_PUB).toFile().exists()) {
            return Optional.empty();
        }
        return Approvals.find(workspace.ledger(), workspace.keys().verifier(), plan.id(), store.sha256(plan.id()));
    }

    private JobFile requirePurgeJob(Path jobFile) {
        JobFile jf = runner.validate(jobFile);
        if (!jf.job().equals(PurgeJobConfiguration.JOB)) {
            throw new IllegalArgumentException(jobFile + " is a '" + jf.job() + "' job file, not a purge job file");
        }
        return jf;
    }

    private static String report(JobExecution e) {
        return e.getExecutionContext().containsKey(JobRunner.REPORT_KEY) ? e.getExecutionContext().getString(JobRunner.REPORT_KEY) : null;
    }
}
