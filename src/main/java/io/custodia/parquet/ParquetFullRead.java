package io.custodia.parquet;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads every value of every column of a Parquet file — each page decompressed and decoded — and
 * counts its rows, without assembling records. A restore check needs exactly this (a page that does
 * not decode, or a column with fewer or more rows than the others, is damage), and assembling
 * records costs several times more.
 */
public final class ParquetFullRead {
    private ParquetFullRead() {
    }

    /** The number of rows, after decoding every value; throws when a page does not decode or columns disagree. */
    public static long rows(Path file, Configuration conf) throws IOException {
        long rows = 0;
        try (ParquetFileReader reader = ParquetRowReader.openFile(file, conf)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
                for (ColumnDescriptor column : schema.getColumns()) {
                    long columnRows = decodeAll(store.getColumnReader(column), column);
                    if (columnRows != pages.getRowCount()) {
                        throw new IOException(file + ": column " + String.join(".", column.getPath()) + " holds " + columnRows
                                + " rows in a row group of " + pages.getRowCount());
                    }
                }
                rows += pages.getRowCount();
            }
        }
        return rows;
    }

    private static long decodeAll(ColumnReader r, ColumnDescriptor column) {
        long rows = 0;
        int maxDefinition = column.getMaxDefinitionLevel();
        for (long i = r.getTotalValueCount(); i > 0; i--) {
            if (r.getCurrentRepetitionLevel() == 0) {
                rows++;
            }
            if (r.getCurrentDefinitionLevel() == maxDefinition) {
                switch (column.getPrimitiveType().getPrimitiveTypeName()) {
                    case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> r.getBinary();
                    case INT32 -> r.getInteger();
                    case INT64 -> r.getLong();
                    case FLOAT -> r.getFloat();
                    case DOUBLE -> r.getDouble();
                    case BOOLEAN -> r.getBoolean();
                }
            }
            r.consume();
        }
        return rows;
    }
}
