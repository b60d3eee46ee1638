package io.custodia.parquet;

import io.custodia.catalog.Dataset;
import io.custodia.config.ConfigException;
import io.custodia.storage.Storage;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/** The files of a catalogued dataset, and the check that each matches the declared schema. */
public final class DatasetFiles {
    private DatasetFiles() {
    }

    public static List<FileStatus> list(Dataset dataset) {
        try {
            return Storage.dataFiles(dataset.location(), dataset.format());
        } catch (UncheckedIOException e) {
            throw new ConfigException(dataset.declaredAt() + ": dataset '" + dataset.name() + "': " + e.getCause().getMessage());
        }
    }

    /**
     * Opens every file's schema (Parquet footer, CSV header, first JSON line) and compares it with
     * the declaration; fails naming the catalog location, the dataset, the file and every difference.
     */
    public static List<FileStatus> checkSchema(Dataset dataset, Configuration conf) {
        List<FileStatus> files = list(dataset);
        RowSchema declared = RowSchema.ofColumns(dataset.columns());
        for (FileStatus f : files) {
            List<String> problems = new ArrayList<>();
            try {
                switch (dataset.format()) {
                    case PARQUET -> problems.addAll(ParquetSchemas.differences(
                            ParquetRowReader.footer(f.getPath(), conf).getFileMetaData().getSchema(), declared));
                    case CSV, JSONL -> {
                        try (RowReader r = RowFiles.open(f.getPath(), dataset.format(), declared, conf)) {
                            r.next();
                        }
                    }
                }
            } catch (DataFileException e) {
                problems.add(e.getMessage());
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(dataset.declaredAt() + ": dataset '" + dataset.name() + "' does not match its declared schema in "
                        + f.getPath() + ": " + String.join("; ", problems));
            }
        }
        return files;
    }

    public static RowReader open(Dataset dataset, Path file, Configuration conf) {
        return RowFiles.open(file, dataset.format(), RowSchema.ofColumns(dataset.columns()), conf);
    }
}
