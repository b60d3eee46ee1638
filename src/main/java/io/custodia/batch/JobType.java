package io.custodia.batch;

import org.springframework.batch.core.job.Job;

/**
 * One kind of job a {@code jobs/} file can name. Each job package contributes one bean.
 * {@link #validate} runs before anything is launched: every problem in the job file, the catalog
 * or the data's schema must surface here, with file:line:column, not halfway through the night.
 */
public interface JobType {
    /** The word used in job files: {@code job: inventory}. */
    String name();

    Job job();

    void validate(JobFile file);

    /** The usual job type: a name, its Spring Batch job, and the checks to run before launch. */
    static JobType of(String name, Job job, java.util.function.Consumer<JobFile> validator) {
        return new JobType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Job job() {
                return job;
            }

            @Override
            public void validate(JobFile file) {
                validator.accept(file);
            }
        };
    }
}
