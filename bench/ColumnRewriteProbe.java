import io.custodia.parquet.*;
import java.lang.management.ManagementFactory;
import java.util.*;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.*;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.*;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.*;
import org.apache.parquet.schema.*;

/**
 * How much a column-at-a-time rewrite would save the purge, measured rather than guessed: rewrites one
 * Parquet file keeping two rows in three, (a) the way the purge does today, row by row through
 * {@link ParquetRowReader} and {@link ParquetRowWriter} (a Row per row, Parquet's record consumer),
 * and (b) column by column in batches of 4096 rows straight from each column reader to its column
 * writer, no Row, no record consumer. Same codec, same dictionary settings; the two outputs are
 * compared row by row. Prints the median thread CPU of each path and the GC pauses during each.
 * A probe, not product code: no classification, no content digest, no row-group splitting.
 *
 * Run it with {@code bench/column-rewrite-probe.sh FILE.parquet [ROUNDS]}.
 */
public class ColumnRewriteProbe {
    static Configuration conf = new Configuration();

    static RowSchema rowSchema(MessageType s) {
        List<RowSchema.Field> f = new ArrayList<>();
        for (Type t : s.getFields()) f.add(new RowSchema.Field(t.getName(), ParquetSchemas.typeOf(t), t.isRepetition(Type.Repetition.REQUIRED)));
        return RowSchema.of(f);
    }

    static long rows(Path in, Path out) throws Exception {
        MessageType ms = ParquetRowReader.footer(in, conf).getFileMetaData().getSchema();
        RowSchema rs = rowSchema(ms);
        long i = 0, kept = 0;
        try (ParquetRowReader r = ParquetRowReader.openUndecoded(in, rs, conf);
             ParquetRowWriter w = ParquetRowWriter.create(out, rs, conf)) {
            for (Row row = r.next(); row != null; row = r.next(), i++) {
                if (i % 3 != 0) { w.write(row); kept++; }
            }
            w.commit();
        }
        return kept;
    }

    static long columns(Path in, Path out) throws Exception {
        long kept = 0, base = 0;
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(in, conf), HadoopReadOptions.builder(conf).build())) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            String createdBy = r.getFooter().getFileMetaData().getCreatedBy();
            ParquetFileWriter fw = new ParquetFileWriter(HadoopOutputFile.fromPath(out, conf), schema, ParquetFileWriter.Mode.OVERWRITE, 128L << 20, 0);
            fw.start();
            CodecFactory codecs = new CodecFactory(conf, ParquetProperties.DEFAULT_PAGE_SIZE);
            ParquetProperties props = ParquetProperties.builder().build();
            List<ColumnDescriptor> cols = schema.getColumns();
            PageReadStore pages;
            while ((pages = r.readNextRowGroup()) != null) {
                int n = (int) pages.getRowCount();
                boolean[] keep = new boolean[n];
                int k = 0;
                for (int i = 0; i < n; i++) { keep[i] = (base + i) % 3 != 0; if (keep[i]) k++; }
                ColumnChunkPageWriteStore ps = new ColumnChunkPageWriteStore(codecs.getCompressor(CompressionCodecName.ZSTD), schema, HeapByteBufferAllocator.getInstance(), 64, true);
                ColumnWriteStore ws = props.newColumnWriteStore(schema, ps, ps);
                ColumnReadStoreImpl rs = new ColumnReadStoreImpl(pages, new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
                ColumnReader[] readers = new ColumnReader[cols.size()];
                ColumnWriter[] writers = new ColumnWriter[cols.size()];
                for (int c = 0; c < cols.size(); c++) { readers[c] = rs.getColumnReader(cols.get(c)); writers[c] = ws.getColumnWriter(cols.get(c)); }
                for (int start = 0; start < n; start += 4096) {
                    int end = Math.min(n, start + 4096);
                    for (int c = 0; c < cols.size(); c++) {
                        ColumnReader cr = readers[c]; ColumnWriter cw = writers[c];
                        int max = cols.get(c).getMaxDefinitionLevel();
                        PrimitiveType.PrimitiveTypeName t = cols.get(c).getPrimitiveType().getPrimitiveTypeName();
                        for (int i = start; i < end; i++) {
                            boolean present = cr.getCurrentDefinitionLevel() == max;
                            if (keep[i]) {
                                if (!present) cw.writeNull(0, 0);
                                else switch (t) {
                                    case BINARY, FIXED_LEN_BYTE_ARRAY -> cw.write(cr.getBinary(), 0, max);
                                    case INT32 -> cw.write(cr.getInteger(), 0, max);
                                    case INT64 -> cw.write(cr.getLong(), 0, max);
                                    case DOUBLE -> cw.write(cr.getDouble(), 0, max);
                                    case FLOAT -> cw.write(cr.getFloat(), 0, max);
                                    case BOOLEAN -> cw.write(cr.getBoolean(), 0, max);
                                    default -> throw new IllegalStateException();
                                }
                            } else if (present) {
                                cr.skip();
                            }
                            cr.consume();
                        }
                    }
                    for (int i = start; i < end; i++) if (keep[i]) ws.endRecord();
                }
                ws.flush();
                fw.startBlock(k);
                ps.flushToFileWriter(fw);
                fw.endBlock();
                ws.close();
                ps.close();
                kept += k; base += n;
            }
            fw.end(Map.of());
        }
        return kept;
    }

    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionTime()).sum();
    }

    public static void main(String[] a) throws Exception {
        Path in = new Path(a[0]);
        java.io.File dir = java.nio.file.Files.createTempDirectory("column-rewrite-probe").toFile();
        Path o1 = new Path(new java.io.File(dir, "rows.parquet").toURI()), o2 = new Path(new java.io.File(dir, "cols.parquet").toURI());
        var mx = ManagementFactory.getThreadMXBean();
        int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 8;
        double[] r = new double[rounds], c = new double[rounds];
        long gcRows = 0, gcCols = 0;
        for (int it = -2; it < rounds; it++) {   // two warm-up rounds, not counted
            long g0 = gcMillis(), t0 = mx.getCurrentThreadCpuTime(); long k1 = rows(in, o1);
            long g1 = gcMillis(), t1 = mx.getCurrentThreadCpuTime(); long k2 = columns(in, o2);
            long g2 = gcMillis(), t2 = mx.getCurrentThreadCpuTime();
            if (k1 != k2) throw new IllegalStateException("kept " + k1 + " vs " + k2);
            if (it >= 0) { r[it] = (t1 - t0) / 1e9; c[it] = (t2 - t1) / 1e9; gcRows += g1 - g0; gcCols += g2 - g1; }
        }
        Arrays.sort(r); Arrays.sort(c);
        System.out.printf("%s: %d rounds, thread CPU median: row path %.2f s, column path %.2f s (%.2fx); GC pauses in all: %d ms vs %d ms%n",
                in.getName(), rounds, r[rounds / 2], c[rounds / 2], r[rounds / 2] / c[rounds / 2], gcRows, gcCols);
        MessageType ms = ParquetRowReader.footer(in, conf).getFileMetaData().getSchema();
        RowSchema rs = rowSchema(ms);
        try (ParquetRowReader x = ParquetRowReader.open(o1, rs, conf); ParquetRowReader y = ParquetRowReader.open(o2, rs, conf)) {
            long n = 0;
            for (Row p = x.next(), q = y.next(); p != null || q != null; p = x.next(), q = y.next(), n++) {
                if (p == null || q == null || !p.equals(q)) throw new IllegalStateException("differ at row " + n + ": " + p + " / " + q);
            }
            System.out.println("outputs equal: " + n + " rows; sizes " + new java.io.File(dir, "rows.parquet").length() + " / " + new java.io.File(dir, "cols.parquet").length());
        }
        for (java.io.File f : dir.listFiles()) {
            f.delete();
        }
        dir.delete();
    }
}
