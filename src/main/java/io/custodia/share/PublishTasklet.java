package io.custodia.share;

import io.custodia.batch.CrashPoints;
import io.custodia.batch.JobRunner;
import io.custodia.batch.Workspace;
import io.custodia.crypto.Hashes;
import io.custodia.crypto.Signer;
import io.custodia.evidence.Json;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.ParquetRowReader;
import io.custodia.share.privacy.SubjectSet;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Publishes the export: checks every written part against its record (file size, row count in the
 * Parquet footer) and the total against the privacy decision, writes and signs the manifest inside
 * the hidden directory, renames the directory into place, registers the export in the evidence
 * ledger (and the cross-border ledger), writes the report and deletes the work directory.
 *
 * <p>Crash safety: before the rename nothing is visible, and a resumed run rewrites the manifest;
 * after the rename a resumed run finds the published directory with this export's manifest and
 * only completes the registration, which is idempotent.
 */
public final class PublishTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);
    private final Workspace workspace;
    private final ShareRunCache cache;

    public PublishTasklet(Workspace workspace, ShareRunCache cache) {
        this.workspace = workspace;
        this.cache = cache;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        ShareRun share = ShareRun.of(chunkContext, workspace, cache);
        SharePolicy policy = share.policy();
        PrivacyOutcome privacy = ShareWork.readJson(share.work().privacy(), PrivacyOutcome.class)
                .filter(p -> p.policySha256().equals(policy.jobFileSha256()))
                .orElseThrow(() -> new IllegalStateException("no privacy decision for this policy in " + share.work().dir()
                        + "; the policy changed during the run: run it again"));
        if (share.run().dryRun()) {
            var written = ShareReport.dryRun(share, privacy, chunkContext);
            finish(chunkContext, written.html().toString());
            share.work().delete();
            return RepeatStatus.FINISHED;
        }
        ShareOutput output = ShareOutput.of(policy, share.run());
        FileSystem fs = output.fs();
        String exportId = policy.name() + "/" + output.run();
        Path published = output.published();
        Signer signer = workspace.keys().signer();

        List<WrittenPart> parts = parts(share, policy);
        List<ShareManifest.DataFile> files = new ArrayList<>();
        for (WrittenPart p : parts) {
            if (p.output() != null) {
                files.add(new ShareManifest.DataFile(p.output(), p.written(), p.bytes(), p.sha256()));
            }
        }
        if (output.publishedBy(policy)) {
            log.info("share {}: {} was published by an earlier attempt of this run; completing its registration", policy.name(), published);
        } else {
            long rows = 0;
            for (WrittenPart p : parts) {
                rows += p.written();
                if (p.output() != null) {
                    Path file = new Path(output.staging(), p.output());
                    long len = WritePartTasklet.length(fs, file);
                    long footerRows = len < 0 ? -1 : ParquetRowReader.rowCount(file, share.conf());
                    if (len != p.bytes() || footerRows != p.written()) {
                        throw new IllegalStateException(file + " is not the file the second pass wrote (" + len + " bytes, " + footerRows
                                + " rows; expected " + p.bytes() + " bytes, " + p.written() + " rows); nothing published, run the share again");
                    }
                }
            }
            if (rows != privacy.after().records()) {
                throw new ShareRefusedException(String.format("share %s: the second pass wrote %,d records but the privacy check admitted %,d;"
                        + " the data changed during the run; nothing published, run the share again", policy.name(), rows,
                        privacy.after().records()));
            }
            long individuals = individuals(share, parts, rows);
            Map<String, Object> manifest = ShareManifest.build(policy, exportId, output.run(), Instant.now(), files, rows, individuals,
                    privacy, signer.keyId());
            byte[] bytes = Json.PRETTY.writeValueAsBytes(manifest);
            fs.mkdirs(output.staging());
            removeStrays(fs, output.staging(), files);
            write(fs, new Path(output.staging(), ShareManifest.FILE), bytes);
            write(fs, new Path(output.staging(), ShareManifest.SIGNATURE), signer.sign(bytes));
            CrashPoints.reached("share.publish.before-rename");
            if (!fs.rename(output.staging(), published)) {
                throw new IOException("cannot rename " + output.staging() + " to " + published);
            }
            if (Storage.isLocal(fs)) {
                Storage.syncDirectory(java.nio.file.Path.of(fs.makeQualified(output.shareDir()).toUri()));
            }
            log.info("share {}: published {} records to {}", policy.name(), rows, published);
        }
        CrashPoints.reached("share.publish.before-register");
        byte[] manifestBytes = readAll(fs, new Path(published, ShareManifest.FILE));
        ShareRegister.Published p = new ShareRegister.Published(Json.MAPPER.readTree(manifestBytes), Hashes.sha256Hex(manifestBytes),
                fs.makeQualified(published).toString());
        var report = ShareReport.published(share, privacy, chunkContext, p, files, ShareReport.sum(parts));
        ShareRegister.register(workspace.ledger(), signer, policy, share.run(), p, workspace.keys().masterKey().fingerprint(),
                report.jsonSha256());
        finish(chunkContext, report.html().toString());
        share.work().delete();
        return RepeatStatus.FINISHED;
    }

    private static void finish(ChunkContext chunkContext, String report) {
        chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext().putString(JobRunner.REPORT_KEY, report);
    }

    private static List<WrittenPart> parts(ShareRun share, SharePolicy policy) {
        List<FileStatus> sources = DatasetFiles.list(policy.source().dataset());
        List<WrittenPart> parts = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceFile source = SourceFile.of(sources.get(i));
            int index = i;
            parts.add(ShareWork.readJson(share.work().pass2(i, "json"), WrittenPart.class)
                    .filter(p -> p.source().equals(source) && p.policySha256().equals(policy.jobFileSha256()))
                    .orElseThrow(() -> new IllegalStateException("no second-pass record for " + ShareWork.partName(index) + " ("
                            + source.path() + "); the source changed during the run: run the share again")));
        }
        return parts;
    }

    private static long individuals(ShareRun share, List<WrittenPart> parts, long rows) {
        if (share.oneRecordPerSubject()) {
            return rows;
        }
        SubjectSet all = new SubjectSet();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).subjectsFile()) {
                ShareWork.read(share.work().pass2(i, "subjects"), in -> {
                    all.readFrom(in);
                    return null;
                });
            }
        }
        return all.size();
    }

    /** Deletes what a killed attempt may have left in the hidden directory (a half-written part), so only the export is published. */
    private static void removeStrays(FileSystem fs, Path staging, List<ShareManifest.DataFile> files) throws IOException {
        java.util.Set<String> keep = new java.util.HashSet<>(List.of(ShareManifest.FILE, ShareManifest.SIGNATURE));
        files.forEach(f -> keep.add(f.name()));
        for (FileStatus s : fs.listStatus(staging)) {
            if (!keep.contains(s.getPath().getName())) {
                log.warn("share: removing {} left by an interrupted attempt from the export before publishing", s.getPath().getName());
                fs.delete(s.getPath(), true);
            }
        }
    }

    private static void write(FileSystem fs, Path file, byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(bytes);
            out.hsync();
        }
        Storage.sync(fs, file);
    }

    static byte[] readAll(FileSystem fs, Path file) {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
