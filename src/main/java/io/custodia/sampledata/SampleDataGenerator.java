package io.custodia.sampledata;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.catalog.DataFormat;
import io.custodia.catalog.Dataset;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import io.custodia.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the synthetic company Custodia ships with (Harbourline Cross-Border Trading Co.):
 * customers, orders, events, consents, enquiries, erasure requests, legal holds, the cross-border
 * transfer ledger and the egress gateway log, exactly as {@code catalog.yaml} declares them.
 *
 * <p>The output is a pure function of the {@link Options}: no wall clock, no hash-order
 * dependence, Parquet files without timestamps, so the same options give byte-identical files.
 * Customers are generated one at a time with their dependent rows and written to rolling part
 * files; anything another dataset needs about a customer is recomputed from the customer index
 * ({@link Facts}), so memory does not grow with the number of customers.
 */
public final class SampleDataGenerator {
    private static final Logger log = LoggerFactory.getLogger(SampleDataGenerator.class);

    /** Classpath location of the canonical catalog the generator writes next to the data. */
    public static final String CATALOG_RESOURCE = "/io/custodia/sampledata/catalog.yaml";
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 11, 1);
    public static final int DEFAULT_ROWS_PER_FILE = 4000;

    private static final long S_CUSTOMER = 1;
    private static final long S_ORDERS = 2;
    private static final long S_EVENTS = 3;
    private static final long S_CONSENTS = 4;
    private static final long S_ENQUIRIES = 5;
    private static final long S_ERASURE = 6;
    private static final long S_HOLD = 7;

    private static final double[] ORDER_COUNT_WEIGHTS = {0.18, 0.24, 0.20, 0.14, 0.10, 0.08, 0.06};
    private static final Reference.Weighted<Integer> ORDER_COUNTS = new Reference.Weighted<>(
            List.of(0, 1, 2, 3, 4, 5, 6), ORDER_COUNT_WEIGHTS);
    private static final Reference.Weighted<Integer> ENQUIRY_COUNTS = new Reference.Weighted<>(
            List.of(0, 1, 2, 3), new double[] {0.6, 0.25, 0.1, 0.05});
    private static final Reference.Weighted<Integer> RATINGS = new Reference.Weighted<>(
            List.of(1, 2, 3, 4, 5), new double[] {0.08, 0.07, 0.15, 0.30, 0.40});
    static final double LEAK_SHARE = 0.03;

    /**
     * What to generate.
     *
     * @param customers   number of customers (exactly this many rows in {@code customers})
     * @param seed        the one seed every random choice derives from
     * @param out         output directory (receives catalog.yaml, README.md and datasets/)
     * @param rowsPerFile maximum rows per Parquet part file
     * @param asOf        the day the data describes (all timestamps are before its start, UTC)
     */
    public record Options(long customers, long seed, Path out, int rowsPerFile, LocalDate asOf) {
        public Options {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(asOf, "asOf");
            if (customers < 1 || customers > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("customers must be between 1 and " + Integer.MAX_VALUE + ", got " + customers);
            }
            if (rowsPerFile < 1) {
                throw new IllegalArgumentException("rowsPerFile must be positive, got " + rowsPerFile);
            }
        }

        public Options(long customers, long seed, Path out) {
            this(customers, seed, out, DEFAULT_ROWS_PER_FILE, DEFAULT_AS_OF);
        }

        public Options withRowsPerFile(int rows) {
            return new Options(customers, seed, out, rows, asOf);
        }

        public Options withAsOf(LocalDate day) {
            return new Options(customers, seed, out, rowsPerFile, day);
        }
    }

    /**
     * What was generated.
     *
     * @param rows                 rows per dataset, in catalog order
     * @param files                data files per dataset, in catalog order
     * @param filesWritten         all files written: data files plus catalog.yaml and README.md
     * @param sensitiveIndividuals distinct individuals in the Shanghai entity's sensitive transfers in 2026
     */
    public record Summary(Map<String, Long> rows, Map<String, Integer> files, int filesWritten, long sensitiveIndividuals) {
        public Summary {
            rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }
    }

    /** Figures the README reports about the customer side (counted while generating). */
    static final class Tally {
        long closed;
        long retentionExpiredCore;
        long optIn;
        long cnNationals;
        long enquiryComments;
        long leakedComments;
        long erasureApproved;
        long erasurePending;
        long holdsActive;
        long holdsExpired;
        long holdsOpenEnded;
        long heldWithErasure;
        long heldWithExpiredRetention;
    }

    private final Options options;

    public SampleDataGenerator(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /** The canonical catalog text (the classpath resource). */
    public static byte[] catalogBytes() {
        try (InputStream in = SampleDataGenerator.class.getResourceAsStream(CATALOG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + CATALOG_RESOURCE + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CATALOG_RESOURCE, e);
        }
    }

    public Summary generate() {
        Path out = options.out().toAbsolutePath().normalize();
        long started = System.nanoTime();
        log.info("sample-data: generating {} customers (seed {}, as of {}) into {}", options.customers(), options.seed(),
                options.asOf(), out);
        try {
            Files.createDirectories(out);
            writeAtomically(out.resolve("catalog.yaml"), catalogBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog into " + out, e);
        }
        Catalog catalog = CatalogLoader.load(out.resolve("catalog.yaml"));
        removePreviousOutput(catalog);
        Configuration conf = Storage.configuration();
        long asOf = options.asOf().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Facts.Model model = new Facts.Model(options.seed(), asOf, options.customers());
        CrossBorder crossBorder = new CrossBorder(options.seed(), options.customers(), model);

        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Integer> files = new LinkedHashMap<>();
        Tally tally = new Tally();
        new CustomerStream(catalog, conf, model, crossBorder.sensitiveSet(), tally).run(rows, files);

        Dataset egress = catalog.requireDataset("egress_log");
        Dataset ledger = catalog.requireDataset("transfer_ledger");
        try {
            Files.createDirectories(Path.of(egress.location()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + egress.location(), e);
        }
        CrossBorder.Result xb = crossBorder.write(egress, ledger, conf);
        rows.put("transfer_ledger", xb.ledgerRows());
        files.put("transfer_ledger", 1);
        rows.put("egress_log", xb.egressLines());
        files.put("egress_log", xb.egressFiles());

        Map<String, Long> orderedRows = new LinkedHashMap<>();
        Map<String, Integer> orderedFiles = new LinkedHashMap<>();
        for (Dataset d : catalog.datasets()) {
            orderedRows.put(d.name(), rows.getOrDefault(d.name(), 0L));
            orderedFiles.put(d.name(), files.getOrDefault(d.name(), 0));
        }
        long sensitive = xb.volumes().stream()
                .filter(v -> v.sensitive() && v.year() == 2026 && v.entity().equals(CrossBorder.SHANGHAI))
                .mapToLong(CrossBorder.Volume::individuals).sum();
        String readme = Readme.render(options, orderedRows, tally, crossBorder.plan(), xb);
        writeAtomically(out.resolve("README.md"), readme.getBytes(StandardCharsets.UTF_8));
        int total = orderedFiles.values().stream().mapToInt(Integer::intValue).sum() + 2;
        double secs = (System.nanoTime() - started) / 1e9;
        log.info("sample-data: done in {} s: {} files, rows {}", String.format("%.1f", secs), total, orderedRows);
        return new Summary(orderedRows, orderedFiles, total, sensitive);
    }

    private static void writeAtomically(Path target, byte[] content) {
        try {
            Path tmp = target.resolveSibling("." + target.getFileName() + ".inprogress");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * Deletes the files an earlier run left in the dataset locations (part files, egress files,
     * in-progress leftovers), so a smaller run never leaves stale parts behind. Nothing else is touched.
     */
    private static void removePreviousOutput(Catalog catalog) {
        for (Dataset d : catalog.datasets()) {
            Path loc = Path.of(d.location());
            if (!Files.isDirectory(loc)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(loc)) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (Files.isRegularFile(p) && (n.matches("\\.?part-\\d+\\.parquet.*") || n.matches("\\.?egress-\\d{4}-\\d{2}\\.jsonl.*"))) {
                        Files.delete(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear " + loc, e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    /** Customers one by one, each with its orders, events, consents, enquiries, erasure request and hold. */
    private final class CustomerStream {
        private final Catalog catalog;
        private final Configuration conf;
        private final Facts.Model model;
        private final SensitiveSet sensitive;
        private final Tally tally;
        private final long asOf;
        private final long rowsPerFile;
        private long orderSeq;
        private long eventSeq;
        private long consentSeq;
        private long enquirySeq;
        private long erasureSeq;
        private long holdSeq;
        private long plainHolds;
        private long bindingHolds;
        private final long[] referenceSeq = new long[3];

        CustomerStream(Catalog catalog, Configuration conf, Facts.Model model, SensitiveSet sensitive, Tally tally) {
            this.catalog = catalog;
            this.conf = conf;
            this.model = model;
            this.sensitive = sensitive;
            this.tally = tally;
            this.asOf = model.asOf();
            this.rowsPerFile = options.rowsPerFile();
        }

        private PartWriter parts(String dataset) {
            Dataset d = catalog.requireDataset(dataset);
            if (d.format() != DataFormat.PARQUET) {
                throw new IllegalStateException("dataset " + dataset + " is expected to be Parquet");
            }
            try {
                Files.createDirectories(Path.of(d.location()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + d.location(), e);
            }
            return new PartWriter(new org.apache.hadoop.fs.Path(d.location()), DataFormat.PARQUET,
                    RowSchema.ofColumns(d.columns()), conf, rowsPerFile);
        }

        private RowWriter csv(String dataset) {
            Dataset d = catalog.requireDataset(dataset);
            try {
                Files.createDirectories(Path.of(d.location()).getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory of " + d.location(), e);
            }
            return RowFiles.create(new org.apache.hadoop.fs.Path(d.location()), d.format(), RowSchema.ofColumns(d.columns()), conf);
        }

        void run(Map<String, Long> rows, Map<String, Integer> files) {
            long n = options.customers();
            Progress progress = new Progress("customers", n);
            try (PartWriter customers = parts("customers");
                    PartWriter orders = parts("orders");
                    PartWriter events = parts("events");
                    PartWriter consents = parts("consents");
                    PartWriter enquiries = parts("enquiries");
                    RowWriter erasures = csv("erasure_requests");
                    RowWriter holds = csv("legal_holds")) {
                Row c = customers.newRow();
                Row o = orders.newRow();
                Row e = events.newRow();
                Row k = consents.newRow();
                Row q = enquiries.newRow();
                Row er = RowSchema.ofColumns(catalog.requireDataset("erasure_requests").columns()).newRow();
                Row h = RowSchema.ofColumns(catalog.requireDataset("legal_holds").columns()).newRow();
                for (long i = 0; i < n; i++) {
                    Facts f = model.of(i);
                    Person p = Person.make(f, Mix.random(options.seed(), S_CUSTOMER, i), asOf);
                    customer(p, c, customers);
                    long firstOrder = orders(p, sensitive.contains(i), o, orders);
                    events(p, e, events);
                    consents(p, firstOrder, k, consents);
                    enquiries(p, q, enquiries);
                    erasure(p, er, erasures);
                    hold(p, h, holds);
                    if ((i & 1023) == 1023) {
                        progress.maybeLog(i + 1);
                    }
                }
                for (PartWriter w : List.of(customers, orders, events, consents, enquiries)) {
                    w.finish();
                }
                long erasureRows = erasures.rowsWritten();
                long holdRows = holds.rowsWritten();
                erasures.commit();
                holds.commit();
                progress.done(n);
                rows.put("customers", customers.rows());
                files.put("customers", customers.files());
                rows.put("orders", orders.rows());
                files.put("orders", orders.files());
                rows.put("events", events.rows());
                files.put("events", events.files());
                rows.put("consents", consents.rows());
                files.put("consents", consents.files());
                rows.put("enquiries", enquiries.rows());
                files.put("enquiries", enquiries.files());
                rows.put("erasure_requests", erasureRows);
                files.put("erasure_requests", 1);
                rows.put("legal_holds", holdRows);
                files.put("legal_holds", 1);
            }
        }

        private void customer(Person p, Row r, PartWriter w) {
            Facts f = p.facts();
            r.set("customer_id", p.customerId());
            r.set("name", p.name());
            r.set("nationality", p.nationality());
            r.set("resident_id", p.residentId());
            r.set("passport_no", p.passportNo());
            r.set("mobile", p.mobile());
            r.set("email", p.email());
            r.set("gender", p.male() ? "M" : "F");
            r.set("birth_date", p.birthDate());
            r.set("country", p.country());
            r.set("province", p.province());
            r.set("city", p.city());
            r.set("address", p.address());
            r.set("postal_code", p.postalCode());
            r.set("registered_at", Instant.ofEpochSecond(f.registeredAt()));
            r.set("last_active_at", Instant.ofEpochSecond(p.lastActiveAt()));
            r.set("account_closed_at", f.closed() ? Instant.ofEpochSecond(f.closedAt()) : null);
            r.set("marketing_opt_in", f.marketingOptIn());
            w.write(r);
            if (f.closed()) {
                tally.closed++;
                if (f.closedAt() < asOf - 5 * Facts.YEAR) {
                    tally.retentionExpiredCore++;
                }
            }
            if (f.marketingOptIn()) {
                tally.optIn++;
            }
            if (p.cnNational()) {
                tally.cnNationals++;
            }
        }

        /** Writes the customer's orders; returns the time of the first order, or -1. */
        private long orders(Person p, boolean screened, Row r, PartWriter w) {
            SplittableRandom rnd = Mix.random(options.seed(), S_ORDERS, p.facts().index());
            int count = ORDER_COUNTS.pick(rnd);
            if (screened && count == 0) {
                count = 1; // card payments are what the fraud screening transfers carry
            }
            if (count == 0) {
                return -1;
            }
            long from = p.facts().registeredAt() + 600;
            long to = Math.max(from + 1, p.lastActiveAt());
            long[] times = new long[count];
            for (int j = 0; j < count; j++) {
                times[j] = from + (long) (rnd.nextDouble() * (to - from));
            }
            Arrays.sort(times);
            for (long t : times) {
                String currency = currency(p.country(), rnd);
                double amount = amount(currency, rnd);
                String shipCountry = p.country();
                String shipAddress = p.address();
                double s = rnd.nextDouble();
                if (s < 0.08) {
                    shipCountry = p.country().equals("CN") ? Reference.FOREIGN_NATIONALITIES.pick(rnd) : "CN";
                    shipAddress = Person.addressIn(shipCountry, rnd);
                } else if (s < 0.2) {
                    shipAddress = Person.addressIn(shipCountry, rnd);
                }
                String card = p.cards().size() > 1 && rnd.nextDouble() < 0.3 ? p.cards().get(1) : p.cards().get(0);
                r.set("order_id", Padded.of("ORD", ++orderSeq, 10));
                r.set("customer_id", p.customerId());
                r.set("ordered_at", Instant.ofEpochSecond(t));
                r.set("amount", amount);
                r.set("currency", currency);
                r.set("card_number", card);
                r.set("shipping_country", shipCountry);
                r.set("shipping_address", shipAddress);
                r.set("status", status(asOf - t, rnd));
                w.write(r);
            }
            return times[0];
        }

        private static String currency(String country, SplittableRandom rnd) {
            double u = rnd.nextDouble();
            return switch (country) {
                case "CN" -> u < 0.95 ? "CNY" : "USD";
                case "DE", "FR" -> u < 0.75 ? "EUR" : u < 0.9 ? "USD" : "CNY";
                case "JP" -> u < 0.8 ? "JPY" : u < 0.9 ? "USD" : "CNY";
                default -> u < 0.8 ? "USD" : "CNY";
            };
        }

        private static double amount(String currency, SplittableRandom rnd) {
            double median = switch (currency) {
                case "CNY" -> 180;
                case "EUR" -> 40;
                case "JPY" -> 6000;
                default -> 45;
            };
            // log-normal with sigma 0.9 via Box-Muller
            double z = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
            double v = Math.max(median * Math.exp(0.9 * z), currency.equals("JPY") ? 100 : 1);
            return currency.equals("JPY") ? Math.round(v) : Math.round(v * 100) / 100.0;
        }

        private static String status(long ageSeconds, SplittableRandom rnd) {
            double u = rnd.nextDouble();
            if (ageSeconds < 3 * Facts.DAY) {
                return u < 0.3 ? "pending" : "paid";
            }
            if (ageSeconds < 10 * Facts.DAY) {
                return u < 0.85 ? "shipped" : "cancelled";
            }
            return u < 0.86 ? "delivered" : u < 0.92 ? "cancelled" : u < 0.97 ? "refunded" : "returned";
        }

        private void events(Person p, Row r, PartWriter w) {
            SplittableRandom rnd = Mix.random(options.seed(), S_EVENTS, p.facts().index());
            boolean recent = p.lastActiveAt() > asOf - 365 * Facts.DAY;
            int count = recent ? rnd.nextInt(21) : rnd.nextInt(7);
            if (count == 0) {
                return;
            }
            long to = p.lastActiveAt();
            long from = Math.max(p.facts().registeredAt(), to - 540 * Facts.DAY);
            long[] times = new long[count];
            for (int j = 0; j < count - 1; j++) {
                times[j] = from + (long) (rnd.nextDouble() * (to - from));
            }
            times[count - 1] = to;
            Arrays.sort(times);
            String device = Reference.DEVICES.pick(rnd);
            for (long t : times) {
                String type = Reference.EVENT_TYPES.pick(rnd);
                String page = switch (type) {
                    case "search" -> "/search?q=" + Reference.any(rnd, Reference.SEARCH_TERMS);
                    case "add_to_cart" -> "/product/" + (100000 + rnd.nextInt(900000));
                    case "checkout" -> "/checkout";
                    case "login", "logout" -> "/account";
                    default -> {
                        double u = rnd.nextDouble();
                        yield u < 0.15 ? "/" : u < 0.4 ? "/category/" + Reference.any(rnd, Reference.CATEGORIES)
                                : u < 0.9 ? "/product/" + (100000 + rnd.nextInt(900000)) : u < 0.95 ? "/cart" : "/help";
                    }
                };
                if (rnd.nextDouble() < 0.1) {
                    device = Reference.DEVICES.pick(rnd);
                }
                r.set("event_id", Padded.of("EV", ++eventSeq, 11));
                r.set("customer_id", p.customerId());
                r.set("occurred_at", Instant.ofEpochSecond(t));
                r.set("event_type", type);
                r.set("page", page);
                r.set("device", device);
                r.set("ip_address", Reference.any(rnd, p.ips()));
                w.write(r);
            }
        }

        private void consents(Person p, long firstOrder, Row r, PartWriter w) {
            SplittableRandom rnd = Mix.random(options.seed(), S_CONSENTS, p.facts().index());
            Facts f = p.facts();
            long[][] rows = new long[3][]; // {purpose, granted, withdrawn}
            int n = 0;
            if (f.crossBorderConsentAt() >= 0) {
                rows[n++] = new long[] {0, f.crossBorderConsentAt(), f.crossBorderWithdrawnAt()};
            }
            if (f.marketingOptIn()) {
                rows[n++] = new long[] {1, f.registeredAt() + 5 + rnd.nextLong(900), -1};
            } else if (rnd.nextDouble() < (f.closed() ? 0.5 : 0.3)) {
                long granted = f.registeredAt() + 5 + rnd.nextLong(900);
                long end = f.closed() ? f.closedAt() : asOf - 3600;
                long withdrawn = f.closed() ? f.closedAt() : granted + 60 + (long) (rnd.nextDouble() * Math.max(0, end - granted - 60));
                rows[n++] = new long[] {1, granted, withdrawn};
            }
            if (firstOrder >= 0) {
                rows[n++] = new long[] {2, Math.max(f.registeredAt() + 1, firstOrder - 10 - rnd.nextLong(290)), -1};
            }
            long[][] sorted = Arrays.copyOf(rows, n);
            Arrays.sort(sorted, (x, y) -> x[1] != y[1] ? Long.compare(x[1], y[1]) : Long.compare(x[0], y[0]));
            for (long[] c : sorted) {
                int purpose = (int) c[0];
                int year = Instant.ofEpochSecond(c[1]).atZone(ZoneOffset.UTC).getYear();
                String prefix = purpose == 0 ? "SC" : purpose == 1 ? "MK" : "SP";
                r.set("consent_id", Padded.of("CS", ++consentSeq, 9));
                r.set("customer_id", p.customerId());
                r.set("purpose", purpose == 0 ? "cross-border" : purpose == 1 ? "marketing" : "sensitive-processing");
                r.set("separate", purpose != 1);
                r.set("granted_at", Instant.ofEpochSecond(c[1]));
                r.set("withdrawn_at", c[2] < 0 ? null : Instant.ofEpochSecond(c[2]));
                r.set("reference", Padded.of(prefix + "-" + year + "-", ++referenceSeq[purpose], 6));
                w.write(r);
            }
        }

        private void enquiries(Person p, Row r, PartWriter w) {
            SplittableRandom rnd = Mix.random(options.seed(), S_ENQUIRIES, p.facts().index());
            int count = ENQUIRY_COUNTS.pick(rnd);
            long from = p.facts().registeredAt() + 3600;
            long to = Math.max(from + 1, p.lastActiveAt());
            long[] times = new long[count];
            for (int j = 0; j < count; j++) {
                times[j] = from + (long) (rnd.nextDouble() * (to - from));
            }
            Arrays.sort(times);
            for (long t : times) {
                Integer rating = rnd.nextDouble() < 0.95 ? RATINGS.pick(rnd) : null;
                String comment = null;
                if (rnd.nextDouble() < 0.85) {
                    tally.enquiryComments++;
                    boolean zh = p.writesChinese();
                    if (rnd.nextDouble() < LEAK_SHARE) {
                        tally.leakedComments++;
                        boolean mobile = rnd.nextBoolean();
                        List<String> templates = zh ? (mobile ? Reference.ZH_LEAK_MOBILE : Reference.ZH_LEAK_EMAIL)
                                : (mobile ? Reference.EN_LEAK_MOBILE : Reference.EN_LEAK_EMAIL);
                        comment = String.format(Reference.any(rnd, templates), mobile ? p.mobile() : p.email());
                    } else {
                        int score = rating == null ? 3 : rating;
                        List<String> pool = score >= 4 ? (zh ? Reference.ZH_POSITIVE : Reference.EN_POSITIVE)
                                : score <= 2 ? (zh ? Reference.ZH_NEGATIVE : Reference.EN_NEGATIVE)
                                        : (zh ? Reference.ZH_NEUTRAL : Reference.EN_NEUTRAL);
                        comment = Reference.any(rnd, pool);
                    }
                }
                r.set("enquiry_id", Padded.of("EQ", ++enquirySeq, 9));
                r.set("customer_id", p.customerId());
                r.set("created_at", Instant.ofEpochSecond(t));
                r.set("rating", rating);
                r.set("comment", comment);
                w.write(r);
            }
        }

        private void erasure(Person p, Row r, RowWriter w) {
            Facts f = p.facts();
            if (!f.erasureRequested()) {
                return;
            }
            SplittableRandom rnd = Mix.random(options.seed(), S_ERASURE, f.index());
            long requested;
            String status;
            if (f.closed()) {
                requested = Math.max(f.registeredAt() + 3600, f.closedAt() - (long) (rnd.nextDouble() * 20 * Facts.DAY));
                status = "approved";
            } else {
                requested = Math.max(f.registeredAt() + 3600, asOf - Facts.DAY - (long) (rnd.nextDouble() * 120 * Facts.DAY));
                boolean recent = asOf - requested < 15 * Facts.DAY;
                status = f.hold() == Facts.HoldKind.ERASURE || (!recent && rnd.nextDouble() < 0.8) ? "approved" : "pending";
            }
            double c = rnd.nextDouble();
            r.set("request_id", String.format("ER-%07d", ++erasureSeq));
            r.set("customer_id", p.customerId());
            r.set("requested_at", Instant.ofEpochSecond(requested));
            r.set("channel", c < 0.55 ? "app" : c < 0.85 ? "email" : "phone");
            r.set("status", status);
            w.write(r);
            if (status.equals("approved")) {
                tally.erasureApproved++;
            } else {
                tally.erasurePending++;
            }
        }

        private void hold(Person p, Row r, RowWriter w) {
            Facts f = p.facts();
            if (f.hold() == Facts.HoldKind.NONE) {
                return;
            }
            SplittableRandom rnd = Mix.random(options.seed(), S_HOLD, f.index());
            LocalDate today = options.asOf();
            int reason = rnd.nextInt(5);
            LocalDate from = today.minusDays(10 + rnd.nextInt(1000));
            int year = from.getYear() - (rnd.nextDouble() < 0.3 ? 1 : 0);
            String[] reasons = {"litigation", "regulatory inquiry", "tax audit", "fraud investigation", "consumer dispute"};
            String reference = switch (reason) {
                case 0 -> "(" + year + ")沪0104民初" + (1000 + rnd.nextInt(30000)) + "号";
                case 1 -> String.format("SAMR-%d-%04d", year, 1 + rnd.nextInt(900));
                case 2 -> String.format("STA-SH-%d-%04d", year, 1 + rnd.nextInt(9000));
                case 3 -> String.format("PSB-SZ-%d-%05d", year, 1 + rnd.nextInt(90000));
                default -> String.format("12315-%d-%06d", year, 1 + rnd.nextInt(900000));
            };
            // Holds take turns: plain ones ended / run to a date / open-ended; holds that conflict
            // with an erasure request or expired retention are always binding (dated or open-ended).
            boolean plain = f.hold() == Facts.HoldKind.PLAIN;
            int turn = plain ? (int) (plainHolds++ % 3) : (int) (bindingHolds++ % 2);
            LocalDate until;
            if (plain && turn == 0) {
                until = from.plusDays(30 + rnd.nextInt(400));
                if (!until.isBefore(today)) {
                    until = today.minusDays(1 + rnd.nextInt(9));
                }
            } else if (turn == (plain ? 1 : 0)) {
                until = today.plusDays(30 + rnd.nextInt(900));
            } else {
                until = null;
            }
            r.set("hold_id", String.format("LH-%05d", ++holdSeq));
            r.set("customer_id", p.customerId());
            r.set("reason", reasons[reason]);
            r.set("reference", reference);
            r.set("held_from", from);
            r.set("held_until", until);
            w.write(r);
            boolean active = until == null || !until.isBefore(today);
            if (until == null) {
                tally.holdsOpenEnded++;
            } else if (active) {
                tally.holdsActive++;
            } else {
                tally.holdsExpired++;
            }
            if (active && f.erasureRequested()) {
                tally.heldWithErasure++;
            }
            if (active && f.closed() && f.closedAt() < asOf - 5 * Facts.YEAR) {
                tally.heldWithExpiredRetention++;
            }
        }
    }
}
