package io.custodia.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareJobTest {
    @TempDir
    Path tmp;
    TestHome home;
    ShareTestCompany company;

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(tmp);
        company = new ShareTestCompany(tmp, 2_000, 11);
        Files.createDirectories(tmp.resolve("jobs"));
        assertThat(home.cli("keys", "init").exitCode()).isZero();
    }

    @Test
    void smoke() throws Exception {
        Files.writeString(tmp.resolve("jobs/share-logistics.yaml"), """
                job: share
                catalog: ../data/catalog.yaml
                share:
                  name: logistics
                  recipient: {name: "Swift Parcel (Shenzhen) Co., Ltd.", id: swift-parcel, country: CN}
                  purpose: delivery planning
                  approval: SR-TEST-1
                  source: {dataset: customers, where: {country: CN}}
                  date-shift: {max-days: 30}
                  columns:
                    - {column: customer_id, as: customer_token, transform: pseudonym}
                    - {column: mobile, transform: fpe, format: mobile, keep-carrier-prefix: true}
                    - {column: resident_id, transform: fpe, format: resident-id}
                    - {column: email, transform: mask, pattern: email}
                    - {column: gender, transform: keep}
                    - {column: birth_date, as: age_band, transform: generalize, to: age-band, width: 10}
                    - {column: province, transform: keep}
                    - {column: city, transform: keep}
                    - {column: postal_code, as: postal_district, transform: generalize, to: prefix, length: 3}
                    - {column: address, as: address_city, transform: generalize, to: city}
                    - {column: registered_at, transform: date-shift}
                    - {column: marketing_opt_in, transform: keep}
                  privacy:
                    quasi-identifiers: [gender, age_band, province, city, postal_district]
                    k: 5
                    max-suppression: 5%
                """);
        TestHome.Result r = home.cli("run", tmp.resolve("jobs/share-logistics.yaml").toString(), "--date", "2026-11-25");
        System.out.println(r.all());
        assertThat(r.exitCode()).as(r.all()).isZero();
        var rows = ExportReader.rows(tmp.resolve("var/exports/logistics/2026-11-25"));
        System.out.println(rows.size() + " " + rows.get(0));
        System.out.println(Files.readString(tmp.resolve("var/exports/logistics/2026-11-25/manifest.json")));
    }
}
