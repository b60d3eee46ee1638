package io.custodia.inventory;

import io.custodia.batch.JobRunner;
import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.catalog.Catalog;
import io.custodia.crypto.Signer;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.Level;
import io.custodia.catalog.Tag;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.Json;
import io.custodia.evidence.ReportWriter;
import io.custodia.evidence.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Gathers every dataset's counts (from this execution or, after a restart, from the partitions the
 * failed execution completed), writes the inventory report and its evidence-ledger entry.
 */
public record InventoryReportTasklet(JobRepository repository, Workspace workspace) implements Tasklet {
    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Signer signer = workspace.keys().signer(); // fail before writing anything if the key is missing
        RunContext run = RunContext.of(chunkContext, InventoryJobConfiguration.JOB);
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        Catalog catalog = run.jobFile().catalog();
        InventorySettings settings = InventorySettings.from(run.jobFile(), catalog);

        List<DatasetStats> all = new ArrayList<>();
        for (String name : settings.datasets()) {
            StepExecution part = repository.getLastStepExecution(execution.getJobInstance(), InventoryJobConfiguration.partitionStepName(name));
            if (part == null || !part.getExecutionContext().containsKey(ScanDatasetTasklet.STATS_KEY)) {
                throw new IllegalStateException("no inventory counts for dataset '" + name + "': its scan did not complete");
            }
            all.add(Json.MAPPER.readValue(part.getExecutionContext().getString(ScanDatasetTasklet.STATS_KEY), DatasetStats.class));
        }

        List<InventoryFinding> findings = new ArrayList<>();
        List<List<Object>> datasetRows = new ArrayList<>();
        List<List<Object>> columnRows = new ArrayList<>();
        Map<Level, Long> byLevel = new LinkedHashMap<>();
        Map<Tag, Long> byTag = new LinkedHashMap<>();
        long rows = 0;
        for (DatasetStats s : all) {
            Dataset ds = catalog.requireDataset(s.dataset());
            findings.addAll(InventoryAnalysis.findings(ds, s, settings.flagMinValues()));
            Map<Level, Long> dsLevel = new LinkedHashMap<>();
            long sensitive = 0;
            for (ColumnStats c : s.columns()) {
                var col = ds.requireColumn(c.column());
                dsLevel.merge(col.level(), c.values(), Long::sum);
                byLevel.merge(col.level(), c.values(), Long::sum);
                for (Tag t : col.tags()) {
                    byTag.merge(t, c.values(), Long::sum);
                }
                if (col.has(Tag.SENSITIVE)) {
                    sensitive += c.values();
                }
                long hits = c.piiHits().values().stream().mapToLong(Long::longValue).sum();
                columnRows.add(List.of(s.dataset(), c.column(), c.level(), String.join(", ", c.tags()), c.values(),
                        String.format("%.2f%%", 100 * c.nullRate()), hits == 0 ? "" : InventoryAnalysis.describe(c.piiHits())));
            }
            rows += s.rows();
            datasetRows.add(List.of(s.dataset(), s.role(), s.format(), s.files(), s.rows(),
                    s.distinctSubjects() == null ? "" : s.distinctSubjects(),
                    dsLevel.getOrDefault(Level.CORE, 0L), dsLevel.getOrDefault(Level.IMPORTANT, 0L), dsLevel.getOrDefault(Level.GENERAL, 0L), sensitive));
        }

        Instant started = execution.getStartTime() == null ? Instant.now() : execution.getStartTime().atZone(java.time.ZoneId.systemDefault()).toInstant();
        RunReport.Builder report = RunReport.builder("inventory", run.runId())
                .title("Personal-data inventory — " + catalog.company())
                .source(run.jobFile().path().toString(), run.runDate().toString())
                .times(started, Instant.now())
                .fact("datasets", all.size())
                .fact("rows", rows)
                .fact("findings", findings.size())
                .fact("core values", byLevel.getOrDefault(Level.CORE, 0L))
                .fact("important values", byLevel.getOrDefault(Level.IMPORTANT, 0L))
                .fact("general values", byLevel.getOrDefault(Level.GENERAL, 0L))
                .fact("sensitive values (PIPL Art. 28)", byTag.getOrDefault(Tag.SENSITIVE, 0L))
                .fact("direct-identifier values", byTag.getOrDefault(Tag.DIRECT_IDENTIFIER, 0L))
                .fact("quasi-identifier values", byTag.getOrDefault(Tag.QUASI_IDENTIFIER, 0L));
        all.stream().filter(s -> s.dataset().equals("customers") && s.distinctSubjects() != null).findFirst()
                .ifPresent(s -> report.fact("customers (distinct subjects)", s.distinctSubjects()));
        report.table("Findings", List.of("severity", "dataset", "column", "finding"),
                findings.stream().map(f -> List.<Object>of(f.severity(), f.dataset(), f.column(), f.finding())).toList());
        report.table("Datasets", List.of("dataset", "role", "format", "files", "rows", "distinct subjects", "core values",
                "important values", "general values", "sensitive values"), datasetRows);
        report.table("Columns", List.of("dataset", "column", "level", "tags", "values", "null rate", "values that look like personal data"), columnRows);
        report.note("Distinct subjects are counted exactly over 64-bit fingerprints of the subject key held in memory only "
                + "(a collision among 10 million subjects has a probability below 3 in a million).");
        report.note("Personal-looking values: resident ID numbers and bank cards only when their check character is valid; "
                + "mainland mobile numbers; e-mail addresses. Columns declared core or important, or tagged as identifiers, are expected to hold them.");
        RunReport built = report.build();
        ReportWriter.Written written = workspace.reports().write(built);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobFile", run.jobFile().name());
        body.put("runDate", run.runDate().toString());
        body.put("execution", run.executionId());
        body.put("datasets", all.size());
        body.put("rows", rows);
        body.put("findings", findings.size());
        body.put("report", written.directory().toString());
        body.put("reportSha256", written.jsonSha256());
        Map<String, Long> perDataset = new LinkedHashMap<>();
        all.forEach(s -> perDataset.put(s.dataset(), s.rows()));
        body.put("rowsPerDataset", perDataset);
        workspace.ledger().append(EntryTypes.INVENTORY_REPORT, body, signer);

        execution.getExecutionContext().putString(JobRunner.REPORT_KEY, written.html().toString());
        contribution.getStepExecution().getExecutionContext().putString("report", written.html().toString());
        return RepeatStatus.FINISHED;
    }
}
