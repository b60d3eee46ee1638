package io.custodia.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.Catalog;
import io.custodia.catalog.CatalogLoader;
import io.custodia.catalog.Dataset;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowSchema;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The retention semantics on the contract catalog's customers (core 5 years, important and general
 * 3 years, from account_closed_at), spelled out column by column.
 */
class LevelRetentionTest {
    static final LocalDate RUN = LocalDate.of(2026, 11, 25);
    final Catalog catalog = CatalogLoader.load(Path.of("sample-data/catalog.yaml"));
    final Dataset customers = catalog.requireDataset("customers");
    final LevelRetention retention = new LevelRetention(customers);

    Row closedOn(LocalDate d) {
        Row r = RowSchema.ofColumns(customers.columns()).newRow();
        for (int i = 0; i < r.schema().size(); i++) {
            r.set(i, switch (r.schema().field(i).type()) {
                case STRING -> "x";
                case DATE -> LocalDate.of(1980, 1, 1);
                case TIMESTAMP -> LocalDate.of(2010, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
                case BOOLEAN -> true;
                default -> 1;
            });
        }
        r.set("account_closed_at", d == null ? null : d.atTime(23, 59, 59).toInstant(ZoneOffset.UTC));
        return r;
    }

    List<String> nulled(Row r) {
        int mask = retention.expiredMask(r, RUN);
        return Arrays.stream(retention.columnsToNull(mask)).mapToObj(i -> customers.columns().get(i).name()).toList();
    }

    @Test
    void afterThreeYearsImportantAndGeneralGoButKeysAnchorAndCoreStay() {
        Row r = closedOn(RUN.minusYears(3));
        assertThat(retention.rowExpired(retention.expiredMask(r, RUN))).isFalse();
        assertThat(nulled(r)).containsExactly("name", "nationality", "mobile", "email", "gender", "birth_date", "country", "province",
                "city", "address", "postal_code", "registered_at", "last_active_at", "marketing_opt_in");
    }

    @Test
    void aDayShortOfThreeYearsNothingGoes() {
        assertThat(retention.expiredMask(closedOn(RUN.minusYears(3).plusDays(1)), RUN)).isZero();
    }

    @Test
    void afterFiveYearsTheWholeRowGoes() {
        assertThat(retention.rowExpired(retention.expiredMask(closedOn(RUN.minusYears(5)), RUN))).isTrue();
        assertThat(retention.rowExpired(retention.expiredMask(closedOn(RUN.minusYears(5).plusDays(1)), RUN))).isFalse();
    }

    @Test
    void anOpenAccountNeverExpires() {
        assertThat(retention.expiredMask(closedOn(null), RUN)).isZero();
    }

    @Test
    void aDatasetWithoutRulesForEveryLevelNeverLosesWholeRows() {
        assertThat(new LevelRetention(catalog.requireDataset("consents")).rowCanExpire()).isFalse();
        assertThat(new LevelRetention(catalog.requireDataset("events")).rowCanExpire()).isTrue();
    }
}
