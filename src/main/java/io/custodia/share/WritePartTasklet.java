package io.custodia.share;

import io.custodia.batch.CrashPoints;
import io.custodia.batch.Progress;
import io.custodia.batch.Workspace;
import io.custodia.crypto.Hashes;
import io.custodia.parquet.ParquetRowWriter;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowReader;
import io.custodia.parquet.RowSchema;
import io.custodia.share.privacy.FingerprintSet;
import io.custodia.share.privacy.SubjectSet;
import io.custodia.util.LongHashSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Second pass over one source file: reads the allow-listed source columns, applies the row filter
 * and every transform, leaves out the records of suppressed classes, and writes the rest to the
 * export's hidden in-progress directory. Checks that it saw exactly as many candidate records as
 * the first pass (same file, same filter), so the published records are the ones the privacy
 * decision covered. Dry runs write nothing.
 */
public final class WritePartTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(WritePartTasklet.class);
    private final Workspace workspace;
    private final ShareRunCache cache;

    public WritePartTasklet(Workspace workspace, ShareRunCache cache) {
        this.workspace = workspace;
        this.cache = cache;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ShareRun share = ShareRun.of(chunkContext, workspace, cache);
        if (share.run().dryRun()) {
            return RepeatStatus.FINISHED;
        }
        SharePolicy policy = share.policy();
        ExecutionContext ctx = contribution.getStepExecution().getExecutionContext();
        int index = ctx.getInt(ShareJobConfiguration.INDEX);
        String file = ctx.getString(ShareJobConfiguration.FILE);
        SourceFile source = SourceFile.current(file, share.conf());
        ShareOutput output = ShareOutput.of(policy, share.run());
        Path target = new Path(output.staging(), ShareWork.partName(index) + ".parquet");

        if (output.publishedBy(policy)) {
            log.info("share {}: {} was already published by this run; nothing to write", policy.name(), output.published());
            return RepeatStatus.FINISHED;
        }
        Optional<WrittenPart> done = ShareWork.readJson(share.work().pass2(index, "json"), WrittenPart.class);
        if (done.isPresent() && done.get().source().equals(source) && done.get().policySha256().equals(policy.jobFileSha256())
                && (done.get().output() == null || length(output.fs(), target) == done.get().bytes())) {
            log.info("share {}: {} already written, reusing it", policy.name(), ShareWork.partName(index));
            return RepeatStatus.FINISHED;
        }
        ClassCountPart counted = ShareWork.readJson(share.work().pass1(index, "json"), ClassCountPart.class)
                .filter(p -> p.source().equals(source) && p.policySha256().equals(policy.jobFileSha256()))
                .orElseThrow(() -> new ShareRefusedException("share " + policy.name() + ": " + file
                        + " changed after the privacy check counted it (or the policy changed); nothing published; run the share again"));
        FingerprintSet suppressed = cache.get(share.run().executionId(), "suppressed",
                () -> ShareWork.read(share.work().suppressed(), FingerprintSet::readFrom));

        RowSchema outSchema = policy.outputSchema();
        RowPipeline pipeline = new RowPipeline(policy, share.sourceSchema(policy.secondPassColumns()), policy.columns(), share.keys(),
                share.consent());
        SubjectSet subjects = share.oneRecordPerSubject() ? null : new SubjectSet();
        Object[] out = new Object[outSchema.size()];
        long rows = 0;
        long candidates = 0;
        long left = 0;
        Progress progress = new Progress(log, "share " + policy.name() + " pass 2 " + ShareWork.partName(index), "rows", counted.rowsRead());
        CrashPoints.reached("share.write." + ShareWork.partName(index));
        ParquetRowWriter writer = ParquetRowWriter.create(target, outSchema, share.conf());
        try (writer; RowReader reader = RowFiles.open(new Path(file), policy.source().dataset().format(), pipeline.readSchema(), share.conf())) {
            Row row;
            while ((row = reader.next()) != null) {
                if (++rows % 50_000 == 0) {
                    progress.add(50_000);
                }
                if (!pipeline.process(row, out, file, reader)) {
                    continue;
                }
                candidates++;
                if (suppressed.contains(pipeline.high(), pipeline.low())) {
                    left++;
                    continue;
                }
                writer.write(Row.of(outSchema, out));
                if (subjects != null) {
                    String s = pipeline.subject(row);
                    if (s != null) {
                        subjects.add(LongHashSet.fingerprint(s));
                    }
                }
            }
            progress.add(rows % 50_000);
            progress.finish();
            if (candidates != counted.candidates()) {
                throw new ShareRefusedException(String.format("share %s: %s held %,d candidate records in the privacy check but %,d now: "
                        + "the data changed during the run; nothing published, run the share again", policy.name(), file,
                        counted.candidates(), candidates));
            }
            if (writer.rowsWritten() > 0) {
                writer.commit();
            }
        }
        long written = candidates - left;
        String name = written > 0 ? target.getName() : null;
        long bytes = written > 0 ? length(output.fs(), target) : 0;
        String sha = written > 0 ? sha256(output.fs(), target) : null;
        if (subjects != null) {
            ShareWork.writeAtomically(share.work().pass2(index, "subjects"), subjects::writeTo);
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        long[] r = pipeline.rejected();
        for (int i = 0; i < r.length; i++) {
            rejected.put(policy.columns().get(i).name(), r[i]);
        }
        ShareWork.writeJson(share.work().pass2(index, "json"), new WrittenPart(source, policy.jobFileSha256(), rows, candidates, left, written,
                name, bytes, sha, subjects != null, rejected));
        contribution.getStepExecution().setReadCount(rows);
        contribution.getStepExecution().setWriteCount(written);
        return RepeatStatus.FINISHED;
    }

    static long length(FileSystem fs, Path p) {
        try {
            FileStatus s = fs.getFileStatus(p);
            return s.getLen();
        } catch (java.io.FileNotFoundException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p + ": " + e.getMessage(), e);
        }
    }

    static String sha256(FileSystem fs, Path p) {
        MessageDigest md = Hashes.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = fs.open(p)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
