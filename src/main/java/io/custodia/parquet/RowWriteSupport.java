package io.custodia.parquet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes {@link Row}s; no key-value metadata, so the same rows give byte-identical files. */
final class RowWriteSupport extends WriteSupport<Row> {
    private final RowSchema schema;
    private final MessageType parquetSchema;
    private RecordConsumer consumer;

    RowWriteSupport(RowSchema schema) {
        this.schema = schema;
        this.parquetSchema = ParquetSchemas.toParquet(schema);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(parquetSchema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Row row) {
        consumer.startMessage();
        for (int i = 0; i < schema.size(); i++) {
            Object v = row.get(i);
            RowSchema.Field f = schema.field(i);
            if (v == null) {
                if (f.required()) {
                    throw new DataFileException("column '" + f.name() + "' is required but the row has no value");
                }
                continue;
            }
            consumer.startField(f.name(), i);
            try {
                switch (f.type()) {
                    case STRING -> consumer.addBinary(v instanceof Utf8 u ? u.binary() : Binary.fromString((String) v));
                    case INT -> consumer.addInteger((Integer) v);
                    case LONG -> consumer.addLong((Long) v);
                    case DOUBLE -> consumer.addDouble((Double) v);
                    case BOOLEAN -> consumer.addBoolean((Boolean) v);
                    case DATE -> consumer.addInteger((int) ((LocalDate) v).toEpochDay());
                    case TIMESTAMP -> consumer.addLong(((Instant) v).toEpochMilli());
                }
            } catch (ClassCastException e) {
                throw new DataFileException("column '" + f.name() + "' is " + f.type().label() + " but the row holds a "
                        + v.getClass().getSimpleName());
            }
            consumer.endField(f.name(), i);
        }
        consumer.endMessage();
    }
}
