package io.custodia.backup;

import io.custodia.catalog.ColumnType;
import io.custodia.catalog.DataFormat;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small company built inside a test, against the datasets and columns of sample-data/catalog.yaml:
 * customers and orders in Parquet (several files each), erasure requests and legal holds in CSV.
 * Every customer id and row count is known here, so tests compute expectations independently.
 */
final class Company {
    static final RowSchema CUSTOMERS = RowSchema.of(List.of(new RowSchema.Field("customer_id", ColumnType.STRING, true),
            new RowSchema.Field("name", ColumnType.STRING, false), new RowSchema.Field("mobile", ColumnType.STRING, false),
            new RowSchema.Field("registered_at", ColumnType.TIMESTAMP, false)));
    static final RowSchema ORDERS = RowSchema.of(List.of(new RowSchema.Field("order_id", ColumnType.STRING, true),
            new RowSchema.Field("customer_id", ColumnType.STRING, true), new RowSchema.Field("amount", ColumnType.DOUBLE, false)));

    final Path dir;
    final int customers;
    final List<String> customerIds = new ArrayList<>();

    Company(Path dir, int customers) {
        this.dir = dir;
        this.customers = customers;
        for (int i = 1; i <= customers; i++) {
            customerIds.add(String.format("C%06d", i));
        }
    }

    /** Writes catalog.yaml and every dataset under {@code dir}; {@code dataLocation} may be an hdfs:// URI prefix. */
    Company write(String dataLocation) {
        try {
            Files.createDirectories(dir);
            String loc = dataLocation == null ? "" : dataLocation.endsWith("/") ? dataLocation : dataLocation + "/";
            Files.writeString(dir.resolve("catalog.yaml"), """
                    version: 1
                    company: Tiny Trading Co.
                    datasets:
                      - name: customers
                        location: %1$scustomers
                        format: parquet
                        primary-key: customer_id
                        subject-key: customer_id
                        columns:
                          - {name: customer_id, type: string, level: important, tags: [direct-identifier], required: true}
                          - {name: name, type: string, level: important, tags: [direct-identifier]}
                          - {name: mobile, type: string, level: important, tags: [direct-identifier]}
                          - {name: registered_at, type: timestamp, level: general}
                      - name: orders
                        location: %1$sorders
                        format: parquet
                        primary-key: order_id
                        subject-key: customer_id
                        columns:
                          - {name: order_id, type: string, level: general, required: true}
                          - {name: customer_id, type: string, level: important, tags: [direct-identifier], required: true}
                          - {name: amount, type: double, level: important}
                      - name: erasure_requests
                        role: erasure-requests
                        location: %1$serasure_requests.csv
                        format: csv
                        primary-key: request_id
                        subject-key: customer_id
                        columns:
                          - {name: request_id, type: string, level: general, required: true}
                          - {name: customer_id, type: string, level: important, tags: [direct-identifier], required: true}
                          - {name: requested_at, type: timestamp, level: general}
                          - {name: channel, type: string, level: general}
                          - {name: status, type: string, level: general}
                      - name: legal_holds
                        role: legal-holds
                        location: %1$slegal_holds.csv
                        format: csv
                        primary-key: hold_id
                        subject-key: customer_id
                        columns:
                          - {name: hold_id, type: string, level: general, required: true}
                          - {name: customer_id, type: string, level: important, tags: [direct-identifier], required: true}
                          - {name: reason, type: string, level: general}
                          - {name: reference, type: string, level: general}
                          - {name: held_from, type: date, level: general}
                          - {name: held_until, type: date, level: general}
                    """.formatted(loc));
            String base = dataLocation == null ? dir.toUri().toString() : loc;
            for (int part = 0; part < 2; part++) {
                try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(base + "customers/part-" + part + ".parquet"), DataFormat.PARQUET,
                        CUSTOMERS, Storage.configuration())) {
                    for (int i = part; i < customers; i += 2) {
                        w.write(Row.of(CUSTOMERS, customerIds.get(i), "Name " + i, "1380013" + String.format("%04d", i),
                                Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i)));
                    }
                    w.commit();
                }
            }
            for (int part = 0; part < 3; part++) {
                writeOrders(base, part);
            }
            writeCsv(base + "erasure_requests.csv", "request_id,customer_id,requested_at,channel,status\n");
            writeCsv(base + "legal_holds.csv", "hold_id,customer_id,reason,reference,held_from,held_until\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Orders: customer i has (i % 3) + 1 orders, spread over three files by order number. */
    void writeOrders(String base, int part) {
        try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(base + "orders/part-" + part + ".parquet"), DataFormat.PARQUET,
                ORDERS, Storage.configuration())) {
            int n = 0;
            for (int i = 0; i < customers; i++) {
                for (int k = 0; k <= i % 3; k++) {
                    if (n++ % 3 == part) {
                        w.write(Row.of(ORDERS, "O" + i + "-" + k, customerIds.get(i), 10.0 + i + k));
                    }
                }
            }
            w.commit();
        }
    }

    int ordersOf(int customerIndex) {
        return customerIndex % 3 + 1;
    }

    int totalOrders() {
        int n = 0;
        for (int i = 0; i < customers; i++) {
            n += ordersOf(i);
        }
        return n;
    }

    static void writeCsv(String uri, String text) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        try (var out = Storage.fileSystem(p.toUri()).create(p, true)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
