package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.catalog.CatalogLoader;
import io.custodia.catalog.Dataset;
import io.custodia.config.ConfigException;
import io.custodia.parquet.DataFileException;
import io.custodia.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer ledger reader: every row keeps its own line, bad rows become problems with file:line, good rows go on. */
class LedgerReaderTest {
    @TempDir
    Path tmp;
    Dataset ledger;

    @BeforeEach
    void catalog() throws Exception {
        Files.writeString(tmp.resolve("catalog.yaml"), TransferWorld.CATALOG);
        Files.createDirectories(tmp.resolve("datasets/egress"));
        ledger = CatalogLoader.load(tmp.resolve("catalog.yaml")).requireDataset("transfer_ledger");
    }

    LedgerReader.Result read(String body) throws Exception {
        Files.writeString(tmp.resolve("datasets/transfer_ledger.csv"), body);
        return LedgerReader.read(ledger, Storage.configuration(), new Locations(tmp));
    }

    static final String ROW = ",2026-03-10T02:00:00Z,Alpha,\"Analytics, Inc.\",us,analytics,\"name;e-mail\",false,10,9,api,feed.csv,"
            + "Standard-Contract,,SCC-1,2025-06-02,2025-06-06,2028-06-01,SC-1,PIA-1,5000";

    @Test
    void rowsKeepTheirLinesAcrossQuotedLineBreaksAndBlankLines() throws Exception {
        LedgerReader.Result r = read("\uFEFF" + TransferWorld.HEADER + "\n"
                + "T-1" + ROW + "\n"
                + "\n"
                + "T-2,2026-03-11T02:00:00+08:00,Alpha,Analytics Inc.,US,analytics,\"name;\nmulti-line\ncategories\",true,10,9,api,f2.csv,"
                + "exemption,contract-performance,TERMS,,,,,,\n"
                + "T-3" + ROW + "\r\n");
        assertThat(r.malformed()).isEmpty();
        assertThat(r.rows()).extracting(LedgerRow::location).containsExactly("datasets/transfer_ledger.csv:2",
                "datasets/transfer_ledger.csv:4", "datasets/transfer_ledger.csv:7");
        LedgerRow t1 = r.rows().getFirst();
        assertThat(t1.recipient()).isEqualTo("Analytics, Inc.");
        assertThat(t1.recipientCountry()).isEqualTo("US");
        assertThat(t1.legalBasis()).isEqualTo("standard-contract");
        assertThat(t1.exemptionKind()).isNull();
        assertThat(t1.records()).isEqualTo(10);
        assertThat(t1.bytes()).isEqualTo(5000);
        assertThat(t1.basisFiledOn()).isEqualTo(LocalDate.of(2025, 6, 6));
        LedgerRow t2 = r.rows().get(1);
        assertThat(t2.transferredAt()).isEqualTo(Instant.parse("2026-03-10T18:00:00Z"));
        assertThat(t2.dataCategories()).isEqualTo("name;\nmulti-line\ncategories");
        assertThat(t2.sensitive()).isTrue();
        assertThat(t2.basisEffectiveOn()).isNull();
        assertThat(r.rows().get(2).piaReference()).isEqualTo("PIA-1");
    }

    @Test
    void badRowsAreReportedWithTheirLineAndTheRestIsRead() throws Exception {
        LedgerReader.Result r = read(TransferWorld.HEADER + "\n"
                + "T-1" + ROW.replace(",10,9,", ",ten,9,").replace("2025-06-06", "06/06/2025") + "\n"
                + "T-2,2026-03-10T02:00:00Z,Alpha\n"
                + "T-3" + ROW.replace("SCC-1", "SC\"C-1") + "\n"
                + "T-4" + ROW.replace("2026-03-10T02:00:00Z", "2026-03-10 02:00") + "\n"
                + "T-5" + ROW + "\n"
                + "T-6" + ROW.replace("\"name;e-mail\"", "\"name;e-mail") + "\n"
                + "T-7" + ROW + "\n"
                + "T-8" + ROW + "\n"
                + "T-9" + ROW.replace("\"name;e-mail\"", "\"name;e-mail") + "\n");
        // T-6 opens a quote it never closes: it swallows T-7's line (one bad record); T-9 does the same at the end of the file
        assertThat(r.rows()).extracting(LedgerRow::transferId).containsExactly("T-1", "T-4", "T-5", "T-8");
        assertThat(r.rows().getFirst().records()).isNull();
        assertThat(r.rows().getFirst().unreadable()).containsExactly("records", "basis_filed_on");
        assertThat(r.rows().getFirst().missing()).isEmpty();
        assertThat(r.rows().get(1).transferredAt()).isNull();
        assertThat(r.malformed()).extracting(LedgerReader.Problem::location, LedgerReader.Problem::transferId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("datasets/transfer_ledger.csv:2", "T-1"),
                org.assertj.core.groups.Tuple.tuple("datasets/transfer_ledger.csv:3", null),
                org.assertj.core.groups.Tuple.tuple("datasets/transfer_ledger.csv:4", null),
                org.assertj.core.groups.Tuple.tuple("datasets/transfer_ledger.csv:5", "T-4"),
                org.assertj.core.groups.Tuple.tuple("datasets/transfer_ledger.csv:7", null),
                org.assertj.core.groups.Tuple.tuple("datasets/transfer_ledger.csv:10", null));
        assertThat(r.malformed().get(0).message()).isEqualTo("column 'records': not a valid long (a whole number); "
                + "column 'basis_filed_on': not a valid date (YYYY-MM-DD)");
        assertThat(r.malformed().get(1).message()).isEqualTo("expected 21 fields, found 3");
        assertThat(r.malformed().get(2).message()).contains("a quote inside an unquoted field");
        assertThat(r.malformed().get(4).message()).isEqualTo("text after a closing quote in field 7 (a quoted field carried the record over lines 7–8)");
        assertThat(r.malformed().get(5).message()).isEqualTo("a quoted field is never closed, so the rest of the file cannot be read");
        // no value is echoed
        assertThat(r.malformed().toString()).doesNotContain("ten").doesNotContain("06/06/2025").doesNotContain("SC\"C-1");
    }

    @Test
    void aHeaderThatDoesNotMatchTheCatalogFails() throws Exception {
        assertThatThrownBy(() -> read(TransferWorld.HEADER.replace("purpose", "purpse") + "\n"))
                .isInstanceOf(DataFileException.class).hasMessage("datasets/transfer_ledger.csv:1: unknown column 'purpse' in the header; declared: "
                        + ledger.columnNames());
        assertThatThrownBy(() -> read(TransferWorld.HEADER.replace(",pia_reference", "") + "\n"))
                .isInstanceOf(DataFileException.class).hasMessageContaining("column 'pia_reference' is missing from the header");
    }

    @Test
    void theCatalogMustDeclareWhatReconcileReads() throws Exception {
        Files.writeString(tmp.resolve("catalog.yaml"), TransferWorld.CATALOG.replace("{name: records,           type: long,",
                "{name: records,           type: string,"));
        Dataset bad = CatalogLoader.load(tmp.resolve("catalog.yaml")).requireDataset("transfer_ledger");
        assertThatThrownBy(() -> LedgerReader.checkDeclared(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("catalog.yaml:").hasMessageContaining("column 'records' is declared string, reconcile reads it as long");
    }
}
