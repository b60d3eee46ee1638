package io.custodia.parquet;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Streams rows of one Parquet file, one row group in memory at a time. The file's schema is
 * checked against the requested one before the first row: a mismatch fails naming file and column.
 *
 * <p>Rows are flat (one top-level value per column), so a row is the next value of every column's
 * reader, read in step: no record assembly, which cost more than decoding the values. A column may
 * be read for presence only ({@link #openForPresence}): its non-null values are skipped, not decoded,
 * and appear as {@link Row#NOT_READ}; where the footer shows such a column has no nulls in a row group,
 * it is not read at all there. Every column of a row group must hold exactly its row count of values,
 * or the file is refused as corrupt.
 */
public final class ParquetRowReader implements RowReader {
    private final Path path;
    private final RowSchema schema;
    private final ParquetFileReader file;
    private final MessageType requested;
    private final ColumnDescriptor[] columns;
    /** Per field: how its values become Java values (see {@link #converter}). */
    private final Kind[] kinds;
    private final GroupConverter root;
    /** Set when rows go to a visitor ({@link #visitNext}) instead of into {@link Row}s. */
    private final ValueVisitor visitor;
    private ColumnReader[] readers;
    /** The values of the row being read; the converters put them here. */
    private Object[] current;
    private long leftInGroup;
    private long position;

    private enum Kind { PRESENCE, UTF8, STRING, INT, DATE, LONG, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, DOUBLE, BOOLEAN }

    private ParquetRowReader(Path path, RowSchema schema, ParquetFileReader file, MessageType requested, Kind[] kinds,
            ValueVisitor visitor) {
        this.path = path;
        this.schema = schema;
        this.file = file;
        this.requested = requested;
        this.kinds = kinds;
        this.visitor = visitor;
        this.columns = requested.getColumns().toArray(ColumnDescriptor[]::new);
        PrimitiveConverter[] converters = new PrimitiveConverter[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            converters[i] = visitor == null ? converter(i, kinds[i]) : visiting(kinds[i], visitor);
        }
        this.root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return converters[fieldIndex];
            }

            @Override
            public void start() {
            }

            @Override
            public void end() {
            }
        };
    }

    public static ParquetRowReader open(Path path, RowSchema schema, Configuration conf) {
        return open(path, schema, conf, false, null, null);
    }

    /** Like {@link #open}, but string values come as {@link Utf8}: the file's bytes, not decoded. */
    public static ParquetRowReader openUndecoded(Path path, RowSchema schema, Configuration conf) {
        return open(path, schema, conf, true, null, null);
    }

    /**
     * Like {@link #openUndecoded}, but each row goes value by value to {@code visitor} when
     * {@link #visitNext()} is called; {@link #next()} is not available.
     */
    public static ParquetRowReader openForVisiting(Path path, RowSchema schema, Configuration conf, ValueVisitor visitor) {
        return open(path, schema, conf, true, null, visitor);
    }

    /**
     * Like {@link #openUndecoded}, but only the columns named in {@code decoded} have their values
     * read; every other column says only whether it is null ({@link Row#NOT_READ} when it is not).
     * For callers that classify rows by a few columns and count the rest.
     */
    public static ParquetRowReader openForPresence(Path path, RowSchema schema, Set<String> decoded, Configuration conf) {
        return open(path, schema, conf, true, decoded, null);
    }

    private static ParquetRowReader open(Path path, RowSchema schema, Configuration conf, boolean undecoded, Set<String> decoded,
            ValueVisitor visitor) {
        ParquetFileReader file;
        try {
            file = openFile(path, conf);
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(path + ": not a readable Parquet file (truncated or corrupt?): " + e.getMessage(), e);
        }
        try {
            MessageType fileSchema = file.getFooter().getFileMetaData().getSchema();
            Types.MessageTypeBuilder b = Types.buildMessage();
            Kind[] kinds = new Kind[schema.size()];
            for (int i = 0; i < schema.size(); i++) {
                RowSchema.Field f = schema.field(i);
                if (!fileSchema.containsField(f.name()) || ParquetSchemas.typeOf(fileSchema.getType(f.name())) != f.type()) {
                    throw new DataFileException(path + ": column '" + f.name() + "' is missing or not of type "
                            + f.type().label() + " (" + String.join("; ", ParquetSchemas.differences(fileSchema, schema)) + ")");
                }
                Type t = fileSchema.getType(f.name());
                if (t.isRepetition(Type.Repetition.REPEATED)) {
                    throw new DataFileException(path + ": column '" + f.name() + "' is a repeated (list) column; Custodia reads one value per row");
                }
                b.addField(t);
                kinds[i] = decoded != null && !decoded.contains(f.name()) ? Kind.PRESENCE : kind(f, t, undecoded);
            }
            MessageType requested = b.named(fileSchema.getName());
            file.setRequestedSchema(requested);
            return new ParquetRowReader(path, schema, file, requested, kinds, visitor);
        } catch (RuntimeException e) {
            closeQuietly(file);
            throw e;
        }
    }

    private static Kind kind(RowSchema.Field f, Type t, boolean undecoded) {
        return switch (f.type()) {
            case STRING -> undecoded ? Kind.UTF8 : Kind.STRING;
            case INT -> Kind.INT;
            case DATE -> Kind.DATE;
            case LONG -> Kind.LONG;
            case TIMESTAMP -> t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                    && ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS ? Kind.TIMESTAMP_MICROS : Kind.TIMESTAMP_MILLIS;
            case DOUBLE -> Kind.DOUBLE;
            case BOOLEAN -> Kind.BOOLEAN;
        };
    }

    /**
     * Opens a Parquet file with read options taken from {@code conf}. Parquet's one-argument
     * {@code ParquetFileReader.open(InputFile)} builds its options from a new Hadoop Configuration,
     * which parses Hadoop's default XML resources on every call: ~6 ms a file, a second of a purge's
     * schema check over a few hundred files, on one thread, before any work.
     */
    static ParquetFileReader openFile(Path path, Configuration conf) throws IOException {
        return ParquetFileReader.open(HadoopInputFile.fromPath(path, conf), HadoopReadOptions.builder(conf).build());
    }

    /** Reads only the footer: schema, row groups and row counts. Fails clearly on a truncated file. */
    public static ParquetMetadata footer(Path path, Configuration conf) {
        try (ParquetFileReader r = openFile(path, conf)) {
            return r.getFooter();
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(path + ": not a readable Parquet file (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    public static long rowCount(Path path, Configuration conf) {
        return footer(path, conf).getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
    }

    @Override
    public Row next() {
        if (visitor != null) {
            throw new IllegalStateException(path + " was opened for a visitor: call visitNext()");
        }
        try {
            if (!atRow()) {
                return null;
            }
            Object[] values = new Object[columns.length];
            current = values;
            for (int i = 0; i < columns.length; i++) {
                ColumnReader r = readers[i];
                if (r == null) {
                    values[i] = Row.NOT_READ;
                    continue;
                }
                if (r.getCurrentDefinitionLevel() == columns[i].getMaxDefinitionLevel()) {
                    if (kinds[i] == Kind.PRESENCE) {
                        r.skip();
                        values[i] = Row.NOT_READ;
                    } else {
                        r.writeCurrentValueToConverter();
                    }
                }
                r.consume();
            }
            leftInGroup--;
            position++;
            return new Row(schema, values);
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    /**
     * Hands the next row's values to the visitor this reader was opened with; false at the end of the
     * file. Nothing is kept: text values are views of the page, valid during the call only.
     */
    public boolean visitNext() {
        if (visitor == null) {
            throw new IllegalStateException(path + " was not opened for a visitor: call next()");
        }
        try {
            if (!atRow()) {
                return false;
            }
            visitor.startRow();
            for (int i = 0; i < columns.length; i++) {
                ColumnReader r = readers[i];
                if (r.getCurrentDefinitionLevel() == columns[i].getMaxDefinitionLevel()) {
                    r.writeCurrentValueToConverter();
                } else {
                    visitor.nullValue();
                }
                r.consume();
            }
            leftInGroup--;
            position++;
            return true;
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** True when a row is there to read, moving on to the next row group when this one is done. */
    private boolean atRow() throws IOException {
        while (leftInGroup == 0) {
            if (!nextRowGroup()) {
                return false;
            }
        }
        return true;
    }

    private DataFileException corrupt(Exception e) {
        return new DataFileException(path + ": corrupt data after row " + position + ": " + e.getMessage(), e);
    }

    /**
     * Passes a column's values to the visitor as its kind gives them. No dictionary support: the column
     * reader looks a dictionary-encoded value up and passes the entry itself, with nothing to allocate.
     */
    private static PrimitiveConverter visiting(Kind kind, ValueVisitor v) {
        return switch (kind) {
            case UTF8, STRING -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    v.text(value);
                }
            };
            case INT -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    v.intValue(value);
                }
            };
            case DATE -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    v.date(value);
                }
            };
            case LONG -> new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    v.longValue(value);
                }
            };
            case TIMESTAMP_MILLIS -> new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    v.timestamp(Math.floorDiv(value, 1000L), (int) Math.floorMod(value, 1000L) * 1_000_000);
                }
            };
            case TIMESTAMP_MICROS -> new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    v.timestamp(Math.floorDiv(value, 1_000_000L), (int) Math.floorMod(value, 1_000_000L) * 1000);
                }
            };
            case DOUBLE -> new PrimitiveConverter() {
                @Override
                public void addDouble(double value) {
                    v.doubleValue(value);
                }
            };
            case BOOLEAN -> new PrimitiveConverter() {
                @Override
                public void addBoolean(boolean value) {
                    v.booleanValue(value);
                }
            };
            case PRESENCE -> throw new IllegalStateException("a visitor reads every value");
        };
    }

    /** Puts column {@code i}'s value into the row being read. */
    private PrimitiveConverter converter(int i, Kind kind) {
        return switch (kind) {
            case PRESENCE -> new PrimitiveConverter() {
            };
            case UTF8 -> new TextConverter(i, Utf8::new);
            case STRING -> new TextConverter(i, Binary::toStringUsingUTF8);
            case INT -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    current[i] = value;
                }
            };
            case DATE -> new DateConverter(i);
            case LONG -> new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    current[i] = value;
                }
            };
            case TIMESTAMP_MILLIS -> new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    current[i] = Instant.ofEpochMilli(value);
                }
            };
            case TIMESTAMP_MICROS -> new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    current[i] = Instant.EPOCH.plusNanos(value * 1000);
                }
            };
            case DOUBLE -> new PrimitiveConverter() {
                @Override
                public void addDouble(double value) {
                    current[i] = value;
                }
            };
            case BOOLEAN -> new PrimitiveConverter() {
                @Override
                public void addBoolean(boolean value) {
                    current[i] = value;
                }
            };
        };
    }

    /**
     * A column whose dictionary-encoded pages give each dictionary entry one value per column chunk,
     * made on first use and shared by every row that holds it (values are immutable): no allocation
     * or decoding per row. Plain-encoded pages (a dictionary that outgrew its limit) go through the
     * subclass's add method, one value each.
     */
    private abstract class DictionaryConverter extends PrimitiveConverter {
        final int index;
        private Dictionary dictionary;
        private Object[] entries;

        DictionaryConverter(int index) {
            this.index = index;
        }

        abstract Object decode(Dictionary dictionary, int id);

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            this.dictionary = dictionary;
            this.entries = new Object[dictionary.getMaxId() + 1];
        }

        @Override
        public void addValueFromDictionary(int id) {
            Object v = entries[id];
            if (v == null) {
                v = decode(dictionary, id);
                entries[id] = v;
            }
            current[index] = v;
        }
    }

    /**
     * A text column's values. A dictionary entry's bytes are copied out of the page into an array of
     * their own, so the Parquet writer's dictionary finds a repeated value by the identity of those
     * bytes instead of comparing them through ByteBuffers byte by byte.
     */
    private final class TextConverter extends DictionaryConverter {
        private final Function<Binary, Object> make;

        TextConverter(int index, Function<Binary, Object> make) {
            super(index);
            this.make = make;
        }

        @Override
        Object decode(Dictionary dictionary, int id) {
            return make.apply(Binary.fromConstantByteArray(dictionary.decodeToBinary(id).getBytes()));
        }

        @Override
        public void addBinary(Binary value) {
            // copy() only copies when the reader reuses the bytes: rows may be kept
            current[index] = make.apply(value.copy());
        }
    }

    /** A date column's values: birth dates and the like are a few thousand distinct days, dictionary-encoded. */
    private final class DateConverter extends DictionaryConverter {
        DateConverter(int index) {
            super(index);
        }

        @Override
        Object decode(Dictionary dictionary, int id) {
            return LocalDate.ofEpochDay(dictionary.decodeToInt(id));
        }

        @Override
        public void addInt(int value) {
            current[index] = LocalDate.ofEpochDay(value);
        }
    }

    private boolean nextRowGroup() throws IOException {
        PageReadStore pages = file.readNextRowGroup();
        if (pages == null) {
            return false;
        }
        BlockMetaData block = file.getRowGroups().get(file.getCurrentRowGroupIndex());
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, root, requested,
                file.getFooter().getFileMetaData().getCreatedBy());
        readers = new ColumnReader[columns.length];
        for (int i = 0; i < columns.length; i++) {
            long values;
            if (kinds[i] == Kind.PRESENCE && noNulls(block, columns[i])) {
                values = chunk(block, columns[i]).getValueCount();
            } else {
                readers[i] = store.getColumnReader(columns[i]);
                values = readers[i].getTotalValueCount();
            }
            if (values != pages.getRowCount()) {
                throw new IOException("column '" + schema.field(i).name() + "' holds " + values
                        + " values in a row group of " + pages.getRowCount() + " rows");
            }
        }
        leftInGroup = pages.getRowCount();
        return true;
    }

    /**
     * True when every value of the column in this row group is present, known without reading it: the
     * column is required, or the footer counts its nulls and counts none. A presence-only column then
     * needs no decoding at all (a plan reads most columns this way). Should a writer have recorded a
     * wrong count, the purge's execution, which decodes every value, finds a different destruction
     * than planned and refuses to change the file.
     */
    private static boolean noNulls(BlockMetaData block, ColumnDescriptor column) {
        if (column.getMaxDefinitionLevel() == 0) {
            return true;
        }
        Statistics<?> stats = chunk(block, column).getStatistics();
        return stats != null && stats.isNumNullsSet() && stats.getNumNulls() == 0;
    }

    private static ColumnChunkMetaData chunk(BlockMetaData block, ColumnDescriptor column) {
        ColumnPath path = ColumnPath.get(column.getPath());
        for (ColumnChunkMetaData c : block.getColumns()) {
            if (c.getPath().equals(path)) {
                return c;
            }
        }
        throw new IllegalStateException("the footer has no column chunk for '" + path.toDotString() + "' in a row group");
    }

    @Override
    public RowSchema schema() {
        return schema;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new DataFileException(path + ": error closing: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ParquetFileReader file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // already failing with the reason that matters
        }
    }
}
