package io.custodia.sampledata;

import io.custodia.catalog.DataFormat;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes a dataset directory as rolling part files ({@code part-00000.parquet}, …) of at most
 * {@code rowsPerFile} rows each; only one file is open at a time, so memory stays bounded.
 *
 * <p>Encoding Parquet is more than half of generating the sample company, so each dataset's files are
 * written on a thread of their own while the caller goes on making rows. Rows reach the file in the
 * order they were given (one writer thread per dataset), so the output is the same as a
 * single-threaded write. At most {@link #BATCHES_IN_FLIGHT} batches wait, which bounds memory.
 */
final class PartWriter implements AutoCloseable {
    private static final int BATCH_ROWS = 4096;
    private static final int BATCHES_IN_FLIGHT = 4;
    private static final List<Row> END = List.of();

    private final Path dir;
    private final DataFormat format;
    private final RowSchema schema;
    private final Configuration conf;
    private final long rowsPerFile;
    private final List<String> files = new ArrayList<>();
    private final BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;
    private List<Row> batch = new ArrayList<>(BATCH_ROWS);
    private volatile boolean abandoned;
    private RowWriter current;
    private long rows;

    PartWriter(Path dir, DataFormat format, RowSchema schema, Configuration conf, long rowsPerFile) {
        this.dir = dir;
        this.format = format;
        this.schema = schema;
        this.conf = conf;
        this.rowsPerFile = rowsPerFile;
        this.thread = Thread.ofPlatform().name("sample-data-" + dir.getName()).daemon().start(this::drain);
    }

    RowSchema schema() {
        return schema;
    }

    Row newRow() {
        return schema.newRow();
    }

    /** Queues a copy of {@code row} (the caller may reuse it at once). */
    void write(Row row) {
        batch.add(row.copy());
        rows++;
        if (batch.size() == BATCH_ROWS) {
            hand(batch);
            batch = new ArrayList<>(BATCH_ROWS);
        }
    }

    long rows() {
        return rows;
    }

    /** Valid after {@link #finish()}. */
    int files() {
        return files.size();
    }

    /** Writes what is queued and commits the last part file; rethrows the writer thread's failure. */
    void finish() {
        if (!batch.isEmpty()) {
            hand(batch);
            batch = new ArrayList<>();
        }
        hand(END);
        await();
    }

    /** Without {@link #finish()}: drops the in-progress part file (earlier parts stay). */
    @Override
    public void close() {
        if (!done.isDone()) {
            abandoned = true;
            thread.interrupt();
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // the failure was (or is being) reported by write/finish
            }
        }
    }

    private void hand(List<Row> rows) {
        try {
            while (!queue.offer(rows, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (done.isDone()) {
                    await(); // the writer thread failed: say why
                    throw new IllegalStateException("the writer of " + dir + " stopped early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + dir, e);
        }
    }

    private void await() {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + dir, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot write " + dir + ": " + cause.getMessage(), cause);
        }
    }

    private void drain() {
        try {
            for (List<Row> next = queue.take(); next != END; next = queue.take()) {
                for (Row row : next) {
                    writeNow(row);
                }
            }
            if (current != null) {
                current.commit();
                current = null;
            }
            done.complete(null);
        } catch (InterruptedException e) {
            dropCurrent();
            done.completeExceptionally(new IllegalStateException(abandoned ? "abandoned" : "interrupted while writing " + dir, e));
        } catch (RuntimeException | Error e) {
            dropCurrent();
            done.completeExceptionally(e);
        }
    }

    private void writeNow(Row row) {
        if (current != null && current.rowsWritten() >= rowsPerFile) {
            current.commit();
            current = null;
        }
        if (current == null) {
            String name = String.format("part-%05d.%s", files.size(), format.extension());
            current = RowFiles.create(new Path(dir, name), format, schema, conf);
            files.add(name);
        }
        current.write(row);
    }

    private void dropCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException ignored) {
                // already failing; the original failure is the one reported
            }
            current = null;
        }
    }
}
