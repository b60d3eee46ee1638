package io.custodia.parquet;

import io.custodia.catalog.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Maps catalog column types to Parquet and checks a file's schema against the declaration. */
public final class ParquetSchemas {
    private ParquetSchemas() {
    }

    public static MessageType toParquet(RowSchema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (RowSchema.Field f : schema.fields()) {
            Type.Repetition rep = f.required() ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
            b.addField(switch (f.type()) {
                case STRING -> Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(f.name());
                case INT -> Types.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
                case LONG -> Types.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
                case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
                case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
                case DATE -> Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(f.name());
                case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS)).named(f.name());
            });
        }
        return b.named("row");
    }

    /** The catalog type a Parquet column corresponds to, or null if Custodia does not read it. */
    public static ColumnType typeOf(Type t) {
        if (!t.isPrimitive()) {
            return null;
        }
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BINARY -> logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation ? ColumnType.STRING : null;
            case INT32 -> logical == null ? ColumnType.INT : logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? ColumnType.DATE : null;
            case INT64 -> logical == null ? ColumnType.LONG
                    : logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts && ts.getUnit() != TimeUnit.NANOS ? ColumnType.TIMESTAMP : null;
            case DOUBLE -> ColumnType.DOUBLE;
            case BOOLEAN -> ColumnType.BOOLEAN;
            default -> null;
        };
    }

    /**
     * Columns that are not worth a dictionary: stored plain in some page of some row group, because the
     * writer found too many distinct values (its dictionary outgrew its limit, or did not compress).
     * Unknown when the footer has no encoding statistics (old writers): such columns are not named.
     */
    public static Set<String> columnsWithoutDictionary(ParquetMetadata footer) {
        Map<String, Boolean> plain = new HashMap<>();
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData c : block.getColumns()) {
                EncodingStats stats = c.getEncodingStats();
                boolean withoutDictionary = stats != null && stats.hasNonDictionaryEncodedPages();
                plain.merge(c.getPath().toDotString(), withoutDictionary, Boolean::logicalOr);
            }
        }
        Set<String> out = new HashSet<>();
        plain.forEach((column, p) -> {
            if (p) {
                out.add(column);
            }
        });
        return out;
    }

    /** Every difference between the file's columns and the declared ones, as readable lines. */
    public static List<String> differences(MessageType file, RowSchema declared) {
        List<String> problems = new ArrayList<>();
        for (RowSchema.Field f : declared.fields()) {
            if (!file.containsField(f.name())) {
                problems.add("declared column '" + f.name() + "' is missing from the file");
                continue;
            }
            ColumnType actual = typeOf(file.getType(f.name()));
            if (actual != f.type()) {
                problems.add("column '" + f.name() + "' is declared " + f.type().label() + " but the file has "
                        + file.getType(f.name()).toString().trim());
            }
        }
        for (Type t : file.getFields()) {
            if (!declared.has(t.getName())) {
                problems.add("the file has column '" + t.getName() + "' which the catalog does not declare");
            }
        }
        return problems;
    }
}
