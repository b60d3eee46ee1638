package io.custodia.purge;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.catalog.DataFormat;
import io.custodia.catalog.Dataset;
import io.custodia.catalog.Tag;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A small company on the contract catalog (sample-data/catalog.yaml): customers, orders, events,
 * consents, enquiries, erasure requests and legal holds, written as real Parquet and CSV files, with
 * the rows kept in memory so that the tests compute their expectations themselves. It contains
 * every case purge must meet: accounts closed exactly 3 and 5 years before the run date and a day
 * later, orders exactly 5 years old, approved / pending / future-dated erasure requests, binding,
 * ended, not-yet-started and open-ended holds, held customers with erasure requests and with all
 * retention expired.
 */
final class PurgeCompany {
    static final LocalDate RUN = LocalDate.of(2026, 11, 25);
    static final List<String> DATA = List.of("customers", "orders", "events", "consents", "enquiries");

    final Path catalogFile;
    final Catalog catalog;
    /** Rows as written, per dataset (these hold the personal values the outputs must never contain). */
    final Map<String, List<Row>> rows = new LinkedHashMap<>();
    final Set<String> erasureApproved = new LinkedHashSet<>();
    final Set<String> held = new LinkedHashSet<>();
    final List<String> customerIds = new ArrayList<>();

    /** Writes the catalog to {@code catalogDir} and the datasets under {@code dataRoot} (a file:// or hdfs:// URI). */
    PurgeCompany(Path catalogDir, String dataRoot, int customers, long seed) throws IOException {
        Files.createDirectories(catalogDir);
        String contract = Files.readString(Path.of("sample-data/catalog.yaml"));
        catalogFile = catalogDir.resolve("catalog.yaml");
        Files.writeString(catalogFile, dataRoot == null ? contract : contract.replace("location: datasets/", "location: " + dataRoot + "/datasets/"));
        catalog = CatalogLoader.load(catalogFile);
        SplittableRandom r = new SplittableRandom(seed);
        for (String name : List.of("customers", "orders", "events", "consents", "enquiries", "erasure_requests", "legal_holds")) {
            rows.put(name, new ArrayList<>());
        }
        for (int i = 0; i < customers; i++) {
            customer(i, r);
        }
        write("customers", 2);
        write("orders", 2);
        write("events", 2);
        write("consents", 1);
        write("enquiries", 1);
        write("erasure_requests", 1);
        write("legal_holds", 1);
    }

    private static Instant at(LocalDate d, SplittableRandom r) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(r.nextInt(86_400));
    }

    private static Instant daysAgo(double days, SplittableRandom r) {
        return at(RUN.minusDays((long) days), r);
    }

    private Row row(String dataset) {
        return RowSchema.ofColumns(catalog.requireDataset(dataset).columns()).newRow();
    }

    private void customer(int i, SplittableRandom r) {
        String id = String.format("C%07d", 4_100_000 + i);
        customerIds.add(id);
        Instant closed = switch (i) {
            case 1 -> RUN.minusYears(3).atStartOfDay().toInstant(ZoneOffset.UTC);           // important/general expire today
            case 2 -> RUN.minusYears(3).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC); // a day short
            case 3 -> RUN.minusYears(5).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(86_399); // whole row goes today
            case 4 -> RUN.minusYears(5).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            default -> r.nextDouble() < 0.45 ? daysAgo(r.nextDouble() * 8 * 365, r) : null;
        };
        Instant registered = closed == null ? daysAgo(30 + r.nextDouble() * 3000, r) : closed.minusSeconds(86_400L * (30 + r.nextInt(2000)));
        Row c = row("customers");
        c.set("customer_id", id);
        c.set("name", "Zhang Wei-" + i);
        c.set("nationality", r.nextInt(10) == 0 ? "US" : "CN");
        c.set("resident_id", r.nextInt(10) == 0 ? null : String.format("1101051990%08d", i));
        c.set("passport_no", r.nextInt(3) == 0 ? String.format("E%08d", 7_000_000 + i) : null);
        c.set("mobile", String.format("139%08d", 20_000_000 + i));
        c.set("email", "cust" + i + "@example.cn");
        c.set("gender", r.nextBoolean() ? "F" : "M");
        c.set("birth_date", LocalDate.of(1950 + r.nextInt(50), 1 + r.nextInt(12), 1 + r.nextInt(28)));
        c.set("country", "CN");
        c.set("province", "Guangdong");
        c.set("city", r.nextBoolean() ? "Shenzhen" : null);
        c.set("address", i + " Harbour Road, Flat " + (i % 40));
        c.set("postal_code", "5180" + (i % 10) + "0");
        c.set("registered_at", registered);
        c.set("last_active_at", closed == null ? daysAgo(r.nextInt(200), r) : closed.minusSeconds(3600));
        c.set("account_closed_at", closed);
        c.set("marketing_opt_in", closed == null ? r.nextBoolean() : null);
        rows.get("customers").add(c);

        int orders = r.nextInt(4);
        for (int k = 0; k < orders; k++) {
            Row o = row("orders");
            o.set("order_id", id + "-O" + k);
            o.set("customer_id", id);
            Instant when = (i == 5 && k == 0) ? RUN.minusYears(5).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(5)
                    : (i == 5 && k == 1) ? RUN.minusYears(5).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : daysAgo(r.nextDouble() * 7 * 365, r);
            o.set("ordered_at", when);
            o.set("amount", Math.round(r.nextDouble() * 100_000) / 100.0);
            o.set("currency", "CNY");
            o.set("card_number", r.nextInt(5) == 0 ? null : String.format("622202%010d", 1_000_000L * i + k));
            o.set("shipping_country", "CN");
            o.set("shipping_address", i + " Harbour Road, Flat " + (i % 40));
            o.set("status", "delivered");
            rows.get("orders").add(o);
        }
        if (i == 5 && orders < 2) {
            for (int k = orders; k < 2; k++) {
                Row o = row("orders");
                o.set("order_id", id + "-O" + k);
                o.set("customer_id", id);
                o.set("ordered_at", k == 0 ? RUN.minusYears(5).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(5)
                        : RUN.minusYears(5).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
                o.set("amount", 10.0);
                o.set("currency", "CNY");
                o.set("status", "delivered");
                rows.get("orders").add(o);
            }
        }
        int events = r.nextInt(5);
        for (int k = 0; k < events; k++) {
            Row e = row("events");
            e.set("event_id", id + "-E" + k);
            e.set("customer_id", id);
            e.set("occurred_at", daysAgo(r.nextDouble() * 2 * 365, r));
            e.set("event_type", "view");
            e.set("page", "/p/" + r.nextInt(100));
            e.set("device", r.nextBoolean() ? "app" : "web");
            e.set("ip_address", String.format("10.%d.%d.%d", i % 250, k, r.nextInt(250)));
            rows.get("events").add(e);
        }
        Row consent = row("consents");
        consent.set("consent_id", id + "-K");
        consent.set("customer_id", id);
        consent.set("purpose", "marketing");
        consent.set("separate", false);
        consent.set("granted_at", registered);
        consent.set("reference", "K-" + i);
        rows.get("consents").add(consent);
        int enquiries = r.nextInt(3);
        for (int k = 0; k < enquiries; k++) {
            Row q = row("enquiries");
            q.set("enquiry_id", id + "-Q" + k);
            q.set("customer_id", id);
            q.set("created_at", daysAgo(r.nextDouble() * 3 * 365, r));
            q.set("rating", 1 + r.nextInt(5));
            q.set("comment", r.nextBoolean() ? "parcel late, call me on 139" + String.format("%08d", 20_000_000 + i) : null);
            rows.get("enquiries").add(q);
        }

        double u = r.nextDouble();
        if (u < 0.10 || i == 7 || i == 8) {
            Row er = row("erasure_requests");
            er.set("request_id", "ER-" + i);
            er.set("customer_id", id);
            boolean future = i == 8;
            er.set("requested_at", future ? at(RUN.plusDays(2), r) : daysAgo(1 + r.nextInt(100), r));
            String status = (u < 0.075 || i == 7 || i == 8) ? "approved" : "pending";
            er.set("status", i % 11 == 0 && status.equals("approved") ? "Approved" : status);
            er.set("channel", "app");
            rows.get("erasure_requests").add(er);
            if (status.equals("approved") && !future) {
                erasureApproved.add(id);
            }
        }
        double h = r.nextDouble();
        // customers 7 (erasure) and 3 (all retention expired) are held; 9 held until yesterday (ended)
        if (h < 0.06 || i == 7 || i == 3 || i == 9 || i == 10) {
            Row hold = row("legal_holds");
            hold.set("hold_id", "H-" + i);
            hold.set("customer_id", id);
            hold.set("reason", "litigation");
            hold.set("reference", "CASE-" + i);
            LocalDate from = RUN.minusDays(30 + r.nextInt(300));
            LocalDate until;
            if (i == 9) {
                until = RUN.minusDays(1);
            } else if (i == 10) {
                from = RUN.plusDays(3);
                until = null;
            } else {
                until = h < 0.03 ? null : RUN.plusDays(r.nextInt(400));
            }
            if (i == 7) {
                until = RUN; // the last day of a hold still binds
            }
            hold.set("held_from", from);
            hold.set("held_until", until);
            rows.get("legal_holds").add(hold);
            if (!from.isAfter(RUN) && (until == null || !until.isBefore(RUN))) {
                held.add(id);
            }
        }
    }

    private void write(String name, int parts) {
        Dataset ds = catalog.requireDataset(name);
        RowSchema schema = RowSchema.ofColumns(ds.columns());
        List<Row> all = rows.get(name);
        for (int p = 0; p < parts; p++) {
            String base = ds.location().toString();
            String target = ds.format() == DataFormat.PARQUET ? base + "/part-" + p + ".parquet" : base;
            try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(java.net.URI.create(target)), ds.format(), schema,
                    Storage.configuration())) {
                for (int k = p; k < all.size(); k += parts) {
                    w.write(all.get(k));
                }
                w.commit();
            }
        }
    }

    /** Every value of a direct-identifier or sensitive column (what must never appear in an output). */
    Set<String> personalStrings() {
        Set<String> out = new LinkedHashSet<>();
        for (String name : DATA) {
            Dataset ds = catalog.requireDataset(name);
            for (Row row : rows.get(name)) {
                for (int i = 0; i < row.schema().size(); i++) {
                    Object v = row.get(i);
                    var col = ds.requireColumn(row.schema().field(i).name());
                    if (v instanceof String s && (col.has(Tag.DIRECT_IDENTIFIER) || col.has(Tag.SENSITIVE))) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }
}
