package io.custodia.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad catalog is rejected before work starts, naming file:line:column. */
class CatalogValidationTest {
    @TempDir
    Path dir;

    static final String GOOD = """
            version: 1
            company: Test Co.
            datasets:
              - name: customers
                location: data/customers
                format: parquet
                primary-key: id
                subject-key: id
                columns:
                  - {name: id, type: string, level: important, tags: [direct-identifier]}
                  - {name: closed_at, type: timestamp, level: general}
                retention:
                  - {level: important, keep: 3y, from: closed_at}
            """;

    Path write(String text) throws Exception {
        Path f = dir.resolve("catalog.yaml");
        Files.writeString(f, text);
        return f;
    }

    ConfigException failure(String text) throws Exception {
        Path f = write(text);
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> CatalogLoader.load(f));
    }

    @Test
    void goodCatalogLoadsWithRelativeLocationResolved() throws Exception {
        Catalog c = CatalogLoader.load(write(GOOD));
        Dataset d = c.requireDataset("customers");
        assertThat(d.location()).isEqualTo(dir.resolve("data/customers").toUri());
        assertThat(d.retention()).containsExactly(new RetentionRule(Level.IMPORTANT, Period.ofYears(3), "closed_at"));
        assertThat(d.requireColumn("id").tags()).containsExactly(Tag.DIRECT_IDENTIFIER);
    }

    @Test
    void unknownKeyNamesLineAndColumn() throws Exception {
        ConfigException e = failure(GOOD.replace("    format: parquet", "    format: parquet\n    retension: 5y"));
        assertThat(e.getMessage()).startsWith(dir.resolve("catalog.yaml") + ":7:5:").contains("unknown key 'retension'");
    }

    @Test
    void wrongTypeAndUnknownEnumValues() throws Exception {
        assertThat(failure(GOOD.replace("version: 1", "version: one")).getMessage()).contains(":1:10:").contains("whole number");
        assertThat(failure(GOOD.replace("level: important, tags", "level: secret, tags")).getMessage())
                .contains(":10:41:").contains("unknown value 'secret'").contains("core, important, general");
        assertThat(failure(GOOD.replace("tags: [direct-identifier]", "tags: [pii]")).getMessage()).contains("unknown value 'pii'");
        assertThat(failure(GOOD.replace("keep: 3y", "keep: soon")).getMessage()).contains(":13:").contains("period");
    }

    @Test
    void keysAndAnchorsMustNameDeclaredColumns() throws Exception {
        assertThat(failure(GOOD.replace("primary-key: id", "primary-key: ident")).getMessage())
                .contains(":7:18:").contains("column 'ident' is not declared");
        assertThat(failure(GOOD.replace("from: closed_at", "from: closed")).getMessage()).contains("column 'closed' is not declared");
        assertThat(failure(GOOD.replace("from: closed_at}", "from: id}")).getMessage()).contains("must be a date or timestamp");
    }

    @Test
    void syntaxErrorsNameTheSpot() throws Exception {
        ConfigException e = failure(GOOD.replace("  - name: customers", "  - name: [customers"));
        assertThat(e.getMessage()).startsWith(dir.resolve("catalog.yaml") + ":").contains("YAML syntax error");
        assertThat(failure(GOOD + "  - name: customers\n    location: x\n    format: csv\n    columns: []\n").getMessage())
                .contains("declared twice");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> CatalogLoader.load(write(GOOD.replace("company: Test Co.", "company: A\ncompany: B"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(":3:1:");
    }
}
