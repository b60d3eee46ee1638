package io.custodia.parquet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Materializes {@link Row}s in the order of the requested schema, reading only those columns; string
 * values as {@link String}s, or as {@link Utf8} (the file's bytes, not decoded) when asked.
 */
final class RowReadSupport extends ReadSupport<Row> {
    private final RowSchema schema;
    private final boolean undecoded;

    RowReadSupport(RowSchema schema, boolean undecoded) {
        this.schema = schema;
        this.undecoded = undecoded;
    }

    @Override
    public ReadContext init(InitContext context) {
        MessageType file = context.getFileSchema();
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (RowSchema.Field f : schema.fields()) {
            b.addField(file.getType(f.name()));
        }
        return new ReadContext(b.named(file.getName()));
    }

    @Override
    public RecordMaterializer<Row> prepareForRead(Configuration conf, Map<String, String> meta, MessageType fileSchema,
            ReadContext readContext) {
        return new Materializer(schema, readContext.getRequestedSchema(), undecoded);
    }

    private static final class Materializer extends RecordMaterializer<Row> {
        private final RowSchema schema;
        private final Converter[] converters;
        private Object[] current;
        private final GroupConverter root;
        private final boolean undecoded;

        Materializer(RowSchema schema, MessageType requested, boolean undecoded) {
            this.schema = schema;
            this.undecoded = undecoded;
            this.converters = new Converter[requested.getFieldCount()];
            for (int i = 0; i < converters.length; i++) {
                Type t = requested.getType(i);
                converters[i] = converter(schema.indexOf(t.getName()), t);
            }
            this.root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return converters[fieldIndex];
                }

                @Override
                public void start() {
                    current = new Object[schema.size()];
                }

                @Override
                public void end() {
                }
            };
        }

        private PrimitiveConverter converter(int idx, Type t) {
            LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
            boolean micros = logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                    && ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS;
            return switch (schema.field(idx).type()) {
                case STRING -> undecoded ? new PrimitiveConverter() {
                    @Override
                    public void addBinary(Binary value) {
                        // copy() only copies when the reader reuses the bytes: rows may be kept
                        current[idx] = new Utf8(value.copy());
                    }
                } : new DictionaryConverter(idx) {
                    @Override
                    Object decode(Dictionary d, int id) {
                        return d.decodeToBinary(id).toStringUsingUTF8();
                    }

                    @Override
                    public void addBinary(Binary value) {
                        current[idx] = value.toStringUsingUTF8();
                    }
                };
                case INT -> new PrimitiveConverter() {
                    @Override
                    public void addInt(int value) {
                        current[idx] = value;
                    }
                };
                case DATE -> new DictionaryConverter(idx) {
                    @Override
                    Object decode(Dictionary d, int id) {
                        return LocalDate.ofEpochDay(d.decodeToInt(id));
                    }

                    @Override
                    public void addInt(int value) {
                        current[idx] = LocalDate.ofEpochDay(value);
                    }
                };
                case LONG -> new PrimitiveConverter() {
                    @Override
                    public void addLong(long value) {
                        current[idx] = value;
                    }
                };
                case TIMESTAMP -> new PrimitiveConverter() {
                    @Override
                    public void addLong(long value) {
                        current[idx] = micros ? Instant.EPOCH.plusNanos(value * 1000) : Instant.ofEpochMilli(value);
                    }
                };
                case DOUBLE -> new PrimitiveConverter() {
                    @Override
                    public void addDouble(double value) {
                        current[idx] = value;
                    }
                };
                case BOOLEAN -> new PrimitiveConverter() {
                    @Override
                    public void addBoolean(boolean value) {
                        current[idx] = value;
                    }
                };
            };
        }

        /**
         * Takes the values of dictionary-encoded pages by dictionary id: each entry is converted once,
         * on first use, and the (immutable) value shared by the rows that hold it, so a province or
         * birth-date column costs a few thousand conversions per column chunk instead of one per row.
         * Plain-encoded pages (a dictionary that outgrew its limit) still convert each value.
         */
        private abstract class DictionaryConverter extends PrimitiveConverter {
            private final int idx;
            private Dictionary dictionary;
            private Object[] values;

            DictionaryConverter(int idx) {
                this.idx = idx;
            }

            abstract Object decode(Dictionary d, int id);

            @Override
            public boolean hasDictionarySupport() {
                return true;
            }

            @Override
            public void setDictionary(Dictionary d) {
                dictionary = d;
                values = new Object[d.getMaxId() + 1];
            }

            @Override
            public void addValueFromDictionary(int id) {
                Object v = values[id];
                if (v == null) {
                    v = decode(dictionary, id);
                    values[id] = v;
                }
                current[idx] = v;
            }
        }

        @Override
        public Row getCurrentRecord() {
            return new Row(schema, current);
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
