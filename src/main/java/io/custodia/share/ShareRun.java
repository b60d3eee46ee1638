package io.custodia.share;

import io.custodia.batch.RunContext;
import io.custodia.batch.Workspace;
import io.custodia.crypto.pseudo.KeyDerivation;
import io.custodia.parquet.RowSchema;
import io.custodia.share.SharePolicy.OutputColumn;
import io.custodia.share.privacy.FingerprintSet;
import io.custodia.share.transforms.KeyContext;
import io.custodia.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * Everything a step of a share run needs, loaded afresh from the job file in every step (a restart
 * may run in a new process): the run, the validated policy, the work directory and the keys.
 */
record ShareRun(RunContext run, SharePolicy policy, ShareWork work, Workspace workspace, ShareRunCache cache, Configuration conf) {

    static ShareRun of(ChunkContext chunk, Workspace workspace, ShareRunCache cache) {
        RunContext run = RunContext.of(chunk, ShareJobConfiguration.JOB);
        SharePolicy policy = SharePolicyLoader.load(run.jobFile());
        return new ShareRun(run, policy, ShareWork.of(workspace.properties().stateDir(), policy, run), workspace, cache,
                Storage.configuration());
    }

    KeyContext keys() {
        return new KeyContext(new KeyDerivation(workspace.keys().masterKey()), policy.recipient().id(), policy.purpose(), run.runDate());
    }

    /** The consenting subjects (built once per run and process), or null when the policy has no consent filter. */
    FingerprintSet consent() {
        if (policy.source().consent() == null) {
            return null;
        }
        return cache.get(run.executionId(), "consent", () -> ConsentIndex.build(policy.source().consent(), run.runDate(), conf));
    }

    RowSchema sourceSchema(List<String> columns) {
        return RowSchema.ofColumns(policy.source().dataset().columns()).project(columns);
    }

    /** The output columns the first pass must compute: the quasi-identifiers and the sensitive attribute. */
    List<OutputColumn> privacyColumns() {
        List<OutputColumn> out = new ArrayList<>();
        policy.privacy().quasiIdentifiers().forEach(q -> out.add(policy.column(q)));
        if (policy.privacy().sensitiveAttribute() != null) {
            out.add(policy.column(policy.privacy().sensitiveAttribute()));
        }
        return out;
    }

    /** Whether distinct individuals equal records: the source's primary key is its subject key. */
    boolean oneRecordPerSubject() {
        var ds = policy.source().dataset();
        return ds.subjectKey() == null || ds.subjectKey().equals(ds.primaryKey());
    }
}
