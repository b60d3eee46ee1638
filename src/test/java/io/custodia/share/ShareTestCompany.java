package io.custodia.share;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.catalog.DataFormat;
import io.custodia.crypto.pseudo.ChineseResidentIdFpe;
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
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small company built for the share tests against the catalog contract ({@code
 * sample-data/catalog.yaml}): customers in two Parquet files and their consents. Everything is
 * kept in memory too, so tests compute their expectations from the data, not from the job.
 */
final class ShareTestCompany {
    static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 25);

    record City(String province, String city, String postal, String region) {
    }

    static final List<City> CITIES = List.of(
            new City("广东省", "广州市", "510630", "440106"), new City("广东省", "深圳市", "518052", "440305"),
            new City("浙江省", "杭州市", "310013", "330106"), new City("北京市", "北京市", "100010", "110101"),
            new City("上海市", "上海市", "200030", "310104"), new City("四川省", "成都市", "610041", "510107"),
            new City("湖北省", "武汉市", "430061", "420106"), new City("江苏省", "南京市", "210018", "320102"));
    static final List<String> FOREIGN = List.of("US", "JP", "DE", "SG", "KR", "GB", "FR");
    static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周");
    static final List<String> GIVEN = List.of("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟");

    record Customer(String id, String name, String nationality, String residentId, String passport, String mobile, String email,
            String gender, LocalDate birth, String country, String province, String city, String address, String postal,
            Instant registered, Instant lastActive, Instant closed, boolean optIn) {
    }

    record Consent(String id, String customer, String purpose, boolean separate, Instant granted, Instant withdrawn, String reference) {
    }

    record Order(String id, String customer, Instant at, double amount, String currency, String card, String shippingCountry, String address,
            String status) {
    }

    final Path root;
    final Path catalog;
    final List<Customer> customers = new ArrayList<>();
    final List<Consent> consents = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();

    /** Builds {@code n} customers with {@code seed} under {@code root/data}, beside the contract catalog. */
    ShareTestCompany(Path root, int n, long seed) throws IOException {
        this.root = root;
        Path data = root.resolve("data");
        Files.createDirectories(data.resolve("datasets/customers"));
        Files.createDirectories(data.resolve("datasets/consents"));
        Files.createDirectories(data.resolve("datasets/orders"));
        catalog = data.resolve("catalog.yaml");
        Files.copy(contractCatalog(), catalog);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            customers.add(customer(i, rnd));
        }
        for (Customer c : customers) {
            consents(c, rnd);
            orders(c, rnd);
        }
        Catalog cat = CatalogLoader.load(catalog);
        RowSchema cs = RowSchema.ofColumns(cat.requireDataset("customers").columns());
        int half = n / 2;
        write(data.resolve("datasets/customers/part-00000.parquet"), cs, customers.subList(0, half).stream().map(c -> row(cs, c)).toList());
        write(data.resolve("datasets/customers/part-00001.parquet"), cs, customers.subList(half, n).stream().map(c -> row(cs, c)).toList());
        RowSchema os = RowSchema.ofColumns(cat.requireDataset("orders").columns());
        int halfOrders = orders.size() / 2;
        write(data.resolve("datasets/orders/part-00000.parquet"), os, orders.subList(0, halfOrders).stream().map(o -> order(os, o)).toList());
        write(data.resolve("datasets/orders/part-00001.parquet"), os, orders.subList(halfOrders, orders.size()).stream()
                .map(o -> order(os, o)).toList());
        RowSchema ks = RowSchema.ofColumns(cat.requireDataset("consents").columns());
        write(data.resolve("datasets/consents/part-00000.parquet"), ks, consents.stream()
                .map(k -> Row.of(ks, k.id(), k.customer(), k.purpose(), k.separate(), k.granted(), k.withdrawn(), k.reference())).toList());
    }

    static Path contractCatalog() {
        Path p = Path.of("sample-data/catalog.yaml").toAbsolutePath();
        if (!Files.exists(p)) {
            throw new IllegalStateException("run the tests from the project directory: no " + p);
        }
        return p;
    }

    private static Customer customer(int i, SplittableRandom r) {
        String id = String.format("C%08d", i + 1);
        boolean cn = r.nextDouble() < 0.85;
        String nationality = cn ? "CN" : FOREIGN.get(r.nextInt(FOREIGN.size()));
        boolean inChina = cn || r.nextDouble() < 0.45;
        boolean male = r.nextBoolean();
        LocalDate birth = RUN_DATE.minusYears(18 + r.nextInt(58)).minusDays(r.nextInt(365));
        String name = cn ? SURNAMES.get(r.nextInt(SURNAMES.size())) + GIVEN.get(r.nextInt(GIVEN.size())) + GIVEN.get(r.nextInt(GIVEN.size()))
                : "Alex" + (char) ('A' + r.nextInt(26)) + " Smith" + i;
        String country;
        String province;
        String city;
        String address;
        String postal;
        String residentId = null;
        if (inChina) {
            City c = CITIES.get(r.nextInt(CITIES.size()));
            country = "CN";
            province = c.province();
            city = c.city();
            address = (c.province().equals(c.city()) ? c.city() : c.province() + c.city()) + "中山路" + (1 + r.nextInt(300)) + "号"
                    + (1 + r.nextInt(20)) + "栋" + (101 + r.nextInt(30)) + "室";
            postal = c.postal();
            if (cn) {
                String first17 = c.region() + birth.toString().replace("-", "") + String.format("%02d", r.nextInt(100)) + (male ? 1 : 2);
                residentId = first17 + ChineseResidentIdFpe.checkChar(first17);
            }
        } else {
            country = nationality;
            province = "Region-" + nationality + "-" + r.nextInt(3);
            city = "City-" + nationality + "-" + r.nextInt(5);
            address = (1 + r.nextInt(900)) + " Harbour Street, " + city;
            postal = String.format("%05d", r.nextInt(100_000));
        }
        String mobile = inChina ? "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000))
                : "+" + (1 + r.nextInt(90)) + " 555 " + String.format("%07d", r.nextInt(10_000_000));
        String email = "user" + (i + 1) + "." + Integer.toString(r.nextInt(1 << 20), 36) + "@example.com";
        Instant registered = RUN_DATE.minusDays(30 + r.nextInt(2000)).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(r.nextInt(86_400));
        Instant lastActive = registered.plusSeconds(3600L * r.nextInt(20_000));
        Instant closed = r.nextDouble() < 0.1 ? lastActive.plusSeconds(86_400) : null;
        return new Customer(id, name, nationality, residentId, cn ? null : "E" + String.format("%08d", r.nextInt(100_000_000)), mobile,
                email, male ? "M" : "F", birth, country, province, city, address, postal, registered, lastActive, closed,
                r.nextDouble() < 0.6);
    }

    private void consents(Customer c, SplittableRandom r) {
        if (c.optIn()) {
            consents.add(new Consent(String.format("CS%09d", consents.size() + 1), c.id(), "marketing", false, c.registered(),
                    null, "MK-" + consents.size()));
        }
        if (r.nextDouble() < 0.5) {
            Instant granted = c.registered().plusSeconds(86_400);
            // one in five withdrew before the run date, one in ten only after it
            double w = r.nextDouble();
            Instant withdrawn = w < 0.2 ? RUN_DATE.minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : w < 0.3 ? RUN_DATE.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
            consents.add(new Consent(String.format("CS%09d", consents.size() + 1), c.id(), "cross-border", true, granted, withdrawn,
                    "SC-" + consents.size()));
        }
    }

    /** 0 to 4 orders per customer, each with a Luhn-valid 16-digit card; a customer's orders may fall in both files. */
    private void orders(Customer c, SplittableRandom r) {
        int n = r.nextInt(5);
        for (int k = 0; k < n; k++) {
            String body = "622202" + String.format("%09d", r.nextInt(1_000_000_000));
            String card = body + io.custodia.crypto.pseudo.BankCardFpe.luhnCheckDigit(body);
            orders.add(new Order(String.format("O%09d", orders.size() + 1), c.id(), c.registered().plusSeconds(86_400L * (1 + r.nextInt(300))),
                    Math.round(r.nextDouble() * 200_000) / 100.0, "CNY", card, r.nextDouble() < 0.9 ? "CN" : "SG", c.address(),
                    r.nextBoolean() ? "delivered" : "shipped"));
        }
    }

    private static Row order(RowSchema s, Order o) {
        return Row.of(s, o.id(), o.customer(), o.at(), o.amount(), o.currency(), o.card(), o.shippingCountry(), o.address(), o.status());
    }

    /** Whether {@code c} had an active consent for {@code purpose} on the run date (computed here, independently of the job). */
    boolean consented(Customer c, String purpose) {
        Instant endOfDay = RUN_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return consents.stream().anyMatch(k -> k.customer().equals(c.id()) && k.purpose().equals(purpose) && k.granted().isBefore(endOfDay)
                && (k.withdrawn() == null || !k.withdrawn().isBefore(endOfDay)));
    }

    private static Row row(RowSchema s, Customer c) {
        return Row.of(s, c.id(), c.name(), c.nationality(), c.residentId(), c.passport(), c.mobile(), c.email(), c.gender(), c.birth(),
                c.country(), c.province(), c.city(), c.address(), c.postal(), c.registered(), c.lastActive(), c.closed(), c.optIn());
    }

    private static void write(Path file, RowSchema schema, List<Row> rows) {
        try (RowWriter w = RowFiles.create(new org.apache.hadoop.fs.Path(file.toUri()), DataFormat.PARQUET, schema, Storage.configuration())) {
            rows.forEach(w::write);
            w.commit();
        }
    }
}
