package io.custodia.share;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads an export with parquet-hadoop's own example Group API, not Custodia's row readers, so the
 * tests check the output independently of the code that wrote it. Values come back as text
 * (dates ISO, timestamps ISO instants) or null.
 */
final class ExportReader {
    private ExportReader() {
    }

    static List<Path> parquetFiles(Path exportDir) {
        try (Stream<Path> s = Files.list(exportDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageType schema(Path file) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return r.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, String>> rows(Path exportDir) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Path f : parquetFiles(exportDir)) {
            MessageType schema = schema(f);
            try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(f.toUri())).build()) {
                Group g;
                while ((g = r.read()) != null) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < schema.getFieldCount(); i++) {
                        Type t = schema.getType(i);
                        row.put(t.getName(), g.getFieldRepetitionCount(i) == 0 ? null : text(g, i, t));
                    }
                    out.add(row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String text(Group g, int i, Type t) {
        LogicalTypeAnnotation l = t.getLogicalTypeAnnotation();
        if (l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LocalDate.ofEpochDay(g.getInteger(i, 0)).toString();
        }
        if (l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            long v = g.getLong(i, 0);
            return (ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS ? Instant.EPOCH.plusNanos(v * 1000) : Instant.ofEpochMilli(v)).toString();
        }
        return g.getValueToString(i, 0);
    }
}
