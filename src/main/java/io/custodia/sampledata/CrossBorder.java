package io.custodia.sampledata;

import io.custodia.catalog.DataFormat;
import io.custodia.catalog.Dataset;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowFiles;
import io.custodia.parquet.RowSchema;
import io.custodia.parquet.RowWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The cross-border part of the sample: a fixed calendar of transfers (Nov 2025 – Oct 2026) with
 * deliberate discrepancies, the egress gateway log of what actually left (one JSON line per record,
 * subjects as keyed hashes) and the declared transfer ledger. Volumes scale with the number of
 * customers except the sensitive-data volume, which is pinned near the legal threshold.
 */
final class CrossBorder {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CrossBorder.class);
    static final String SHANGHAI = "Harbourline Trading (Shanghai) Co., Ltd.";
    static final String SHENZHEN = "Harbourline Cross-Border E-Commerce (Shenzhen) Co., Ltd.";

    /** Distinct individuals whose sensitive data the Shanghai entity sends abroad in 2026 (82 % of 10,000). */
    static final long SENSITIVE_TARGET = 8_200;
    /** The CAC threshold the target is measured against (Provisions of 2024-03-22, Art. 8). */
    static final long SENSITIVE_THRESHOLD = 10_000;

    /** Subjects per transfer as a share of customers (at least a handful each). */
    static final double LOGISTICS_SHARE = 0.002;
    static final double MARKETING_SHARE = 0.015;
    static final double SERVICE_SHARE = 0.004;
    static final double ONE_OFF_SHARE = 0.01;
    static final double SMALL_ONE_OFF_SHARE = 0.003;
    /** Share of the sensitive set in each monthly payment settlement. */
    static final double PAYMENT_SHARE = 0.01;
    /** Chance that a screened customer is screened again in another month. */
    static final double REPEAT_SCREENING = 0.02;

    static final String GATEWAY_KEY_LABEL = "custodia-sample-gateway-key:";
    static final String CONSENT_TEXT = "SC-TEXT-XB-v3";

    private static final long S_PERM = 101;
    private static final long S_RECORDS = 102;
    private static final long S_LINES = 103;
    private static final long S_HOME = 104;
    private static final long S_REPEAT = 105;
    private static final long S_PAY = 106;

    enum Pool {
        LOGISTICS(2), MARKETING(1), PAYMENT(2), FRAUD(1), SERVICE(3), BROKER(1), UNKNOWN_REMOTE(4);

        final int maxRecordsPerSubject;

        Pool(int max) {
            this.maxRecordsPerSubject = max;
        }
    }

    /** What a reconciliation should find for a transfer. */
    enum Finding {
        MATCHED("matched", "ledger entry and egress evidence agree; basis, recipient and purpose in order"),
        UNDECLARED("undeclared", "egress evidence with no ledger entry"),
        UNLOGGED("no egress evidence", "ledger entry with no egress evidence (the batch never left)"),
        QUANTITY_MISMATCH("quantity mismatch", "ledger records 12 % below the egress evidence (beyond the 5 % tolerance)"),
        RECIPIENT_NOT_APPROVED("recipient not approved", "recipient is not on the approved list"),
        PURPOSE_NOT_APPROVED("purpose not approved", "approved recipient, but a purpose not approved for it"),
        BASIS_MISSING("legal basis missing", "no legal basis recorded"),
        BASIS_EXPIRED("legal basis expired", "cites a standard contract that expired before the transfer date"),
        BASIS_NOT_YET_EFFECTIVE("legal basis not yet effective", "cites a certification that takes effect after the transfer date"),
        FILED_LATE("standard contract filed late", "standard contract filed more than 10 working days after taking effect"),
        NO_SEPARATE_CONSENT("sensitive without separate consent", "sensitive transfer with no separate-consent reference"),
        NO_IMPACT_ASSESSMENT("sensitive without impact assessment", "sensitive transfer with no impact-assessment reference"),
        UNDECLARED_REMOTE_ACCESS("undeclared remote access", "remote query by an overseas party with no ledger entry");

        final String label;
        final String explanation;

        Finding(String label, String explanation) {
            this.label = label;
            this.explanation = explanation;
        }
    }

    record Recipient(String name, String country, List<String> approvedPurposes) {
        boolean approved() {
            return !approvedPurposes.isEmpty();
        }
    }

    static final Recipient PACIFIC = new Recipient("Pacific Parcel Logistics Pte. Ltd.", "SG", List.of("cross-border delivery"));
    static final Recipient ATLAS = new Recipient("Atlas Analytics Inc.", "US", List.of("marketing analytics"));
    static final Recipient NORDLICHT = new Recipient("Nordlicht Payments GmbH", "DE", List.of("payment processing", "fraud screening"));
    static final Recipient KESTREL = new Recipient("Kestrel Customer Care Sdn. Bhd.", "MY", List.of("customer service"));
    static final Recipient MERIDIAN = new Recipient("Meridian Data Brokers Ltd.", "GB", List.of());
    static final Recipient BLUEWAVE = new Recipient("BlueWave BPO Inc.", "PH", List.of());
    static final List<Recipient> APPROVED = List.of(PACIFIC, ATLAS, NORDLICHT, KESTREL);

    record Basis(String kind, String exemptionKind, String reference, LocalDate effectiveOn, LocalDate filedOn, LocalDate expiresOn) {
    }

    static final Basis TERMS = new Basis("exemption", "contract-performance", "TERMS-OF-SALE-v5", LocalDate.of(2025, 1, 1), null, null);
    static final Basis ATLAS_SCC_2023 = new Basis("standard-contract", null, "SCC-SH-2023-0311",
            LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 8), LocalDate.of(2026, 2, 28));
    static final Basis ATLAS_SCC_2026 = new Basis("standard-contract", null, "SCC-SH-2026-0072",
            LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 9), LocalDate.of(2029, 3, 1));
    static final Basis ATLAS_CAMPAIGN_SCC = new Basis("standard-contract", null, "SCC-SH-2026-0219",
            LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 10), LocalDate.of(2027, 5, 31));
    static final Basis NORDLICHT_CERT = new Basis("certification", null, "PIC-2026-0015",
            LocalDate.of(2026, 1, 15), null, LocalDate.of(2029, 1, 14));
    static final Basis KESTREL_SCC_2025 = new Basis("standard-contract", null, "SCC-SH-2025-0342",
            LocalDate.of(2025, 9, 1), LocalDate.of(2025, 9, 5), LocalDate.of(2026, 8, 31));
    static final Basis KESTREL_SCC_2026 = new Basis("standard-contract", null, "SCC-SH-2026-0288",
            LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 8), LocalDate.of(2029, 8, 31));
    static final Basis MERIDIAN_SCC = new Basis("standard-contract", null, "SCC-SH-2026-0154",
            LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 8), LocalDate.of(2029, 3, 31));
    static final Basis NO_BASIS = new Basis(null, null, null, null, null, null);

    /** One planned transfer. {@code id} is null for transfers that were never declared. */
    record Transfer(int seq, String id, Instant at, String entity, Recipient recipient, String purpose, String categories,
            boolean sensitive, String channel, String host, String object, Basis basis, String consentRef, String piaRef,
            Pool pool, int k, long subjects, Finding finding) {

        boolean declared() {
            return finding != Finding.UNDECLARED && finding != Finding.UNDECLARED_REMOTE_ACCESS;
        }

        boolean evidenced() {
            return finding != Finding.UNLOGGED;
        }

        boolean remote() {
            return channel.equals("remote-query");
        }
    }

    /** What happened to one transfer: records and distinct individuals that left (or would have). */
    record Outcome(Transfer transfer, long records, long individuals, long ledgerRecords) {
    }

    /** Distinct individuals per legal entity, year and sensitivity over the declared, evidenced transfers. */
    record Volume(String entity, int year, boolean sensitive, long individuals) {
    }

    /**
     * @param sensitiveSetSize   people in the sensitive set (the target, or fewer in a small population)
     * @param customersForTarget about how many customers it takes to reach the target (eligible share)
     */
    record Result(List<Outcome> outcomes, List<Volume> volumes, long egressLines, int egressFiles, long ledgerRows,
            long sensitiveSetSize, long customersForTarget) {
    }

    private final long seed;
    private final long customers;
    private final Facts.Model model;
    private final Instant asOf;
    private final List<Transfer> plan;
    private final SensitiveSet sensitive;
    private final long[] screeningTimes;

    CrossBorder(long seed, long customers, Facts.Model model) {
        this.seed = seed;
        this.customers = customers;
        this.model = model;
        this.asOf = Instant.ofEpochSecond(model.asOf());
        this.plan = buildPlan(customers);
        this.screeningTimes = plan.stream().filter(t -> t.pool() == Pool.FRAUD)
                .mapToLong(t -> t.at().getEpochSecond()).toArray();
        this.sensitive = new SensitiveSet(model, new Permutation(seed, S_PERM + 10L * Pool.FRAUD.ordinal(), customers),
                screeningTimes, SENSITIVE_TARGET);
    }

    SensitiveSet sensitiveSet() {
        return sensitive;
    }

    List<Transfer> plan() {
        return plan;
    }

    /** The gateway's HMAC key: SHA-256 of "custodia-sample-gateway-key:" followed by the decimal seed. */
    static byte[] gatewayKey(long seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((GATEWAY_KEY_LABEL + seed).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    // ---------------------------------------------------------------- the plan

    private static Instant utc(int y, int m, int d, int hh, int mm) {
        return LocalDateTime.of(y, m, d, hh, mm).toInstant(ZoneOffset.UTC);
    }

    private static long atLeast(long min, double v) {
        return Math.max(min, Math.round(v));
    }

    /** The fixed transfer calendar; ids follow the order of declaration within each year. */
    static List<Transfer> buildPlan(long n) {
        record Draft(Instant at, String entity, Recipient r, String purpose, String categories, boolean sensitive, String channel,
                String host, String object, Basis basis, String consent, String pia, Pool pool, int k, long subjects, Finding finding) {
        }
        List<Draft> d = new ArrayList<>();
        long logistics = atLeast(3, n * LOGISTICS_SHARE);
        long marketing = atLeast(5, n * MARKETING_SHARE);
        long oneOff = atLeast(5, n * ONE_OFF_SHARE);
        long service = atLeast(3, n * SERVICE_SHARE);
        long smallOneOff = atLeast(3, n * SMALL_ONE_OFF_SHARE);
        YearMonth first = YearMonth.of(2025, 11);
        int screening = 0;
        for (int mi = 0; mi < 12; mi++) {
            YearMonth ym = first.plusMonths(mi);
            int y = ym.getYear();
            int m = ym.getMonthValue();
            String tag = ym.toString();
            d.add(new Draft(utc(y, m, 2, 4, 0), SHANGHAI, NORDLICHT, "payment processing",
                    "name;bank card number;order amount;billing country", true, "api", "api.nordlicht-payments.de",
                    "nordlicht-settlement-" + tag + ".json", TERMS, CONSENT_TEXT, "PIA-2025-003", Pool.PAYMENT, mi, -1, Finding.MATCHED));
            boolean oldAtlas = ym.isBefore(YearMonth.of(2026, 3)) || ym.equals(YearMonth.of(2026, 3));
            Finding atlasFinding = ym.equals(YearMonth.of(2026, 3)) ? Finding.BASIS_EXPIRED
                    : ym.equals(YearMonth.of(2026, 6)) ? Finding.QUANTITY_MISMATCH : Finding.MATCHED;
            d.add(new Draft(utc(y, m, 3, 3, 0), SHANGHAI, ATLAS, "marketing analytics",
                    "customer pseudonym;age band;province;order history", false, "api", "api.atlas-analytics.com",
                    "atlas-feed-" + tag + ".parquet", oldAtlas ? ATLAS_SCC_2023 : ATLAS_SCC_2026, CONSENT_TEXT, "PIA-2025-011",
                    Pool.MARKETING, mi, marketing, atlasFinding));
            for (int half = 0; half < 2; half++) {
                int day = half == 0 ? 5 : 20;
                Finding f = ym.equals(YearMonth.of(2026, 8)) && day == 20 ? Finding.UNLOGGED : Finding.MATCHED;
                d.add(new Draft(utc(y, m, day, 2, 30), SHENZHEN, PACIFIC, "cross-border delivery",
                        "name;mobile;shipping address;parcel contents", false, "sftp", "sftp.pacificparcel.com.sg",
                        String.format("parcel-manifest-%s-%02d.csv", tag, day), TERMS, null, "PIA-2025-007", Pool.LOGISTICS,
                        mi * 2 + half, logistics, f));
            }
            if (y == 2026) {
                Finding f = m == 1 ? Finding.BASIS_NOT_YET_EFFECTIVE : m == 5 ? Finding.NO_SEPARATE_CONSENT
                        : m == 7 ? Finding.NO_IMPACT_ASSESSMENT : Finding.MATCHED;
                d.add(new Draft(utc(y, m, 9, 5, 0), SHANGHAI, NORDLICHT, "fraud screening",
                        "bank card number;device;IP address;order history", true, "sftp", "sftp.nordlicht-payments.de",
                        "fraud-screening-" + tag + ".csv", NORDLICHT_CERT, f == Finding.NO_SEPARATE_CONSENT ? null : CONSENT_TEXT,
                        f == Finding.NO_IMPACT_ASSESSMENT ? null : "PIA-2025-019", Pool.FRAUD, screening++, -1, f));
            }
            d.add(new Draft(utc(y, m, 12, 1, 30), SHANGHAI, KESTREL, "customer service",
                    "name;mobile;e-mail;order history;enquiries", false, "remote-query", "cs-gw.kestrelcare.com.my",
                    "kestrel-crm-remote-" + tag, ym.isBefore(YearMonth.of(2026, 9)) ? KESTREL_SCC_2025 : KESTREL_SCC_2026,
                    CONSENT_TEXT, "PIA-2025-015", Pool.SERVICE, mi, service, Finding.MATCHED));
        }
        d.add(new Draft(utc(2026, 4, 22, 6, 0), SHANGHAI, MERIDIAN, "lead enrichment", "name;e-mail;mobile", false, "sftp",
                "sftp.meridian-data.co.uk", "meridian-leads-2026-04-22.csv", MERIDIAN_SCC, CONSENT_TEXT, "PIA-2026-004",
                Pool.BROKER, 0, oneOff, Finding.RECIPIENT_NOT_APPROVED));
        d.add(new Draft(utc(2026, 5, 26, 7, 15), SHANGHAI, KESTREL, "customer service", "name;e-mail;enquiries", false, "sftp",
                "sftp.kestrelcare.com.my", "kestrel-enquiries-2026-05-26.csv", NO_BASIS, CONSENT_TEXT, "PIA-2025-015",
                Pool.SERVICE, 12, smallOneOff, Finding.BASIS_MISSING));
        d.add(new Draft(utc(2026, 6, 18, 9, 40), SHANGHAI, ATLAS, "marketing analytics", null, false, "sftp",
                "sftp.atlas-analytics.com", "atlas-adhoc-extract-2026-06-18.csv", NO_BASIS, null, null,
                Pool.MARKETING, 12, oneOff, Finding.UNDECLARED));
        d.add(new Draft(utc(2026, 7, 14, 3, 30), SHANGHAI, ATLAS, "marketing analytics",
                "customer pseudonym;campaign responses;order history", false, "api", "api.atlas-analytics.com",
                "atlas-campaign-uplift-2026-07.parquet", ATLAS_CAMPAIGN_SCC, CONSENT_TEXT, "PIA-2026-009",
                Pool.MARKETING, 13, oneOff, Finding.FILED_LATE));
        d.add(new Draft(utc(2026, 8, 12, 3, 30), SHANGHAI, ATLAS, "credit scoring",
                "customer pseudonym;order history;payment behaviour", false, "api", "api.atlas-analytics.com",
                "atlas-credit-model-2026-08.parquet", ATLAS_SCC_2026, CONSENT_TEXT, "PIA-2026-012",
                Pool.MARKETING, 14, oneOff, Finding.PURPOSE_NOT_APPROVED));
        d.add(new Draft(utc(2026, 9, 23, 2, 10), SHANGHAI, BLUEWAVE, "customer service", null, false, "remote-query",
                "vpn.bluewave-bpo.ph", "crm-remote-session-2026-09-23", NO_BASIS, null, null,
                Pool.UNKNOWN_REMOTE, 0, smallOneOff, Finding.UNDECLARED_REMOTE_ACCESS));

        d.sort(Comparator.comparing(Draft::at).thenComparing(Draft::object));
        List<Transfer> out = new ArrayList<>(d.size());
        Map<Integer, Integer> perYear = new TreeMap<>();
        for (int i = 0; i < d.size(); i++) {
            Draft x = d.get(i);
            String id = null;
            boolean declared = x.finding() != Finding.UNDECLARED && x.finding() != Finding.UNDECLARED_REMOTE_ACCESS;
            if (declared) {
                int year = x.at().atZone(ZoneOffset.UTC).getYear();
                int no = perYear.merge(year, 1, Integer::sum);
                id = String.format("XB-%d-%04d", year, no);
            }
            out.add(new Transfer(i, id, x.at(), x.entity(), x.r(), x.purpose(), x.categories(), x.sensitive(), x.channel(),
                    x.host(), x.object(), x.basis(), x.consent(), x.pia(), x.pool(), x.k(), x.subjects(), x.finding()));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- subjects and lines

    /** Yields distinct customer indices for one transfer, -1 at the end. */
    private interface SubjectWalk {
        long next();
    }

    private SubjectWalk walk(Transfer t) {
        long time = t.at().getEpochSecond();
        return switch (t.pool()) {
            case FRAUD -> setWalk((f, c) -> {
                int firstM = sensitive.firstScreening(f);
                int lastM = sensitive.lastScreening(f);
                int home = (int) (Mix.unit(seed, S_HOME, c) * screeningTimes.length);
                int assigned = Math.max(firstM, Math.min(lastM, home));
                return assigned == t.k()
                        || (SensitiveSet.reachable(f, time) && Mix.unit(seed, S_REPEAT, c, t.k()) < REPEAT_SCREENING);
            });
            case PAYMENT -> setWalk((f, c) -> SensitiveSet.reachable(f, time) && Mix.unit(seed, S_PAY, c, t.k()) < PAYMENT_SHARE);
            default -> windowWalk(t, time);
        };
    }

    private interface SetFilter {
        boolean include(Facts f, long customer);
    }

    private SubjectWalk setWalk(SetFilter filter) {
        Permutation p = sensitive.permutation();
        long limit = sensitive.limit();
        return new SubjectWalk() {
            long j;

            @Override
            public long next() {
                while (j < limit) {
                    long c = p.at(j++);
                    Facts f = model.of(c);
                    if (sensitive.eligible(f) && filter.include(f, c)) {
                        return c;
                    }
                }
                return -1;
            }
        };
    }

    private SubjectWalk windowWalk(Transfer t, long time) {
        Permutation p = new Permutation(seed, S_PERM + 10L * t.pool().ordinal(), customers);
        int slots = switch (t.pool()) {
            case LOGISTICS -> 24;
            case MARKETING -> 15;
            case SERVICE -> 13;
            default -> 1;
        };
        long start = customers * t.k() / slots;
        return new SubjectWalk() {
            long checked;
            long taken;

            @Override
            public long next() {
                while (taken < t.subjects() && checked < customers) {
                    long c = p.at(start + checked++);
                    Facts f = model.of(c);
                    boolean ok = switch (t.pool()) {
                        case LOGISTICS, UNKNOWN_REMOTE -> f.activeAt(time);
                        case MARKETING -> SensitiveSet.reachable(f, time) && f.marketingOptIn();
                        default -> SensitiveSet.reachable(f, time);
                    };
                    if (ok) {
                        taken++;
                        return c;
                    }
                }
                return -1;
            }
        };
    }

    /** The egress lines of one transfer, in time order. */
    private final class Lines {
        final Transfer transfer;
        private final SubjectWalk walk;
        private final SplittableRandom rnd;
        private final long stepMillis;
        private int left;
        long time;
        long subject = -1;
        long bytes;
        long records;
        long individuals;

        Lines(Transfer t) {
            this.transfer = t;
            this.walk = walk(t);
            this.rnd = Mix.random(seed, S_LINES, t.seq());
            this.time = t.at().toEpochMilli() + 5_000 + rnd.nextLong(55_000);
            long expected = Math.max(1, t.subjects() > 0 ? t.subjects() * 2 : 400);
            this.stepMillis = t.remote() ? Math.min(240_000, 6 * 3_600_000L / expected) : 25;
        }

        boolean next() {
            if (left == 0) {
                long c = walk.next();
                if (c < 0) {
                    return false;
                }
                subject = c;
                individuals++;
                left = 1 + (int) (Mix.unit(seed, S_RECORDS, c, transfer.seq()) * transfer.pool().maxRecordsPerSubject);
            }
            left--;
            records++;
            time += transfer.remote() ? stepMillis / 2 + rnd.nextLong(stepMillis + 1) : 1 + rnd.nextLong(stepMillis);
            bytes = switch (transfer.pool()) {
                case LOGISTICS -> 380 + rnd.nextInt(240);
                case MARKETING -> 900 + rnd.nextInt(700);
                case PAYMENT -> 300 + rnd.nextInt(150);
                case FRAUD -> 700 + rnd.nextInt(400);
                case SERVICE -> transfer.remote() ? 2_000 + rnd.nextInt(4_000) : 600 + rnd.nextInt(900);
                case BROKER -> 250 + rnd.nextInt(150);
                case UNKNOWN_REMOTE -> 3_000 + rnd.nextInt(5_000);
            };
            return true;
        }
    }

    // ---------------------------------------------------------------- writing

    Result write(Dataset egress, Dataset ledger, Configuration conf) {
        Mac mac = hmac(gatewayKey(seed));
        HexFormat hex = HexFormat.of();
        RowSchema egressSchema = RowSchema.ofColumns(egress.columns());
        Path egressDir = new Path(egress.location());
        List<Transfer> active = plan.stream().filter(t -> t.at().isBefore(asOf)).toList();

        Map<Integer, long[]> stats = new TreeMap<>(); // seq -> {records, individuals}
        Map<String, BitSet> distinct = new TreeMap<>();
        Map<YearMonth, List<Transfer>> byMonth = new TreeMap<>();
        for (Transfer t : active) {
            if (t.evidenced()) {
                byMonth.computeIfAbsent(YearMonth.from(t.at().atZone(ZoneOffset.UTC)), m -> new ArrayList<>()).add(t);
            } else {
                Lines l = new Lines(t); // what the batch would have held: the ledger declares it
                while (l.next()) {
                    // counting only
                }
                stats.put(t.seq(), new long[] {l.records, l.individuals});
            }
        }
        long lines = 0;
        int files = 0;
        for (Map.Entry<YearMonth, List<Transfer>> month : byMonth.entrySet()) {
            Path file = new Path(egressDir, "egress-" + month.getKey() + ".jsonl");
            PriorityQueue<Lines> queue = new PriorityQueue<>(
                    Comparator.comparingLong((Lines l) -> l.time).thenComparingInt(l -> l.transfer.seq()));
            List<Lines> all = new ArrayList<>();
            for (Transfer t : month.getValue()) {
                Lines l = new Lines(t);
                all.add(l);
                if (l.next()) {
                    queue.add(l);
                }
            }
            try (RowWriter w = RowFiles.create(file, DataFormat.JSONL, egressSchema, conf)) {
                Row row = egressSchema.newRow();
                while (!queue.isEmpty()) {
                    Lines l = queue.poll();
                    Transfer t = l.transfer;
                    String customerId = Person.customerId(l.subject);
                    row.set("time", Instant.ofEpochMilli(l.time));
                    row.set("channel", t.channel());
                    row.set("destination_host", t.host());
                    row.set("destination_country", t.recipient().country());
                    row.set("object", t.object());
                    row.set("bytes", l.bytes);
                    row.set("subject_hash", hex.formatHex(mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8))));
                    row.set("remote_access", t.remote());
                    w.write(row);
                    lines++;
                    if (t.declared()) {
                        int year = t.at().atZone(ZoneOffset.UTC).getYear();
                        distinct.computeIfAbsent(t.entity() + "\u0000" + year + "\u0000" + t.sensitive(), x -> new BitSet())
                                .set((int) l.subject);
                    }
                    if (l.next()) {
                        queue.add(l);
                    }
                }
                w.commit();
            }
            files++;
            log.info("sample-data: egress {} written ({} lines so far)", month.getKey(), lines);
            for (Lines l : all) {
                stats.put(l.transfer.seq(), new long[] {l.records, l.individuals});
            }
        }

        List<Outcome> outcomes = new ArrayList<>();
        for (Transfer t : active) {
            long[] s = stats.get(t.seq());
            long ledgerRecords = t.finding() == Finding.QUANTITY_MISMATCH ? Math.round(s[0] * 0.88) : s[0];
            outcomes.add(new Outcome(t, s[0], s[1], ledgerRecords));
        }
        long ledgerRows = writeLedger(ledger, outcomes, conf);

        List<Volume> volumes = new ArrayList<>();
        for (Map.Entry<String, BitSet> e : distinct.entrySet()) {
            String[] k = e.getKey().split("\u0000");
            volumes.add(new Volume(k[0], Integer.parseInt(k[1]), Boolean.parseBoolean(k[2]), e.getValue().cardinality()));
        }
        long forTarget = sensitive.size() == 0 ? -1
                : (long) Math.ceil((double) SENSITIVE_TARGET * sensitive.limit() / sensitive.size() / 100) * 100;
        return new Result(List.copyOf(outcomes), List.copyOf(volumes), lines, files, ledgerRows, sensitive.size(), forTarget);
    }

    private static long writeLedger(Dataset ledger, List<Outcome> outcomes, Configuration conf) {
        RowSchema schema = RowSchema.ofColumns(ledger.columns());
        Path file = new Path(ledger.location());
        long rows = 0;
        try (RowWriter w = RowFiles.create(file, DataFormat.CSV, schema, conf)) {
            for (Outcome o : outcomes) {
                Transfer t = o.transfer();
                if (!t.declared()) {
                    continue;
                }
                Basis b = t.basis();
                Row r = schema.newRow();
                r.set("transfer_id", t.id());
                r.set("transferred_at", t.at());
                r.set("legal_entity", t.entity());
                r.set("recipient", t.recipient().name());
                r.set("recipient_country", t.recipient().country());
                r.set("purpose", t.purpose());
                r.set("data_categories", t.categories());
                r.set("sensitive", t.sensitive());
                r.set("records", o.ledgerRecords());
                r.set("individuals", o.individuals());
                r.set("channel", t.channel());
                r.set("object", t.object());
                r.set("legal_basis", b.kind());
                r.set("exemption_kind", b.exemptionKind());
                r.set("basis_reference", b.reference());
                r.set("basis_effective_on", b.effectiveOn());
                r.set("basis_filed_on", b.filedOn());
                r.set("basis_expires_on", b.expiresOn());
                r.set("consent_reference", t.consentRef());
                r.set("pia_reference", t.piaRef());
                w.write(r);
                rows++;
            }
            w.commit();
        }
        return rows;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
