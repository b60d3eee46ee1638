package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file's scan: line numbers across blank, CRLF and over-long lines; lines outside the period; the group guard. */
class EgressScannerTest {
    @TempDir
    Path tmp;

    static final String OK = "{\"time\":\"%s\",\"destination_host\":\"h\",\"destination_country\":\"US\",\"object\":\"%s\",\"subject_hash\":\"%s\"}";

    EgressScanner scanner(int maxGroups) {
        return new EgressScanner(new EgressScanner.LedgerView(new TransferIndex(List.of()), new String[0], new boolean[0]),
                new ReconcilePeriod(LocalDate.of(2026, 11, 25), ZoneId.of("Asia/Shanghai")), SipHash.of(SipHash.randomKey()),
                new HashSet<>(EgressLine.COLUMNS.keySet()), 10, maxGroups);
    }

    EgressScan scan(String text, int maxGroups) throws Exception {
        Path f = tmp.resolve("e.jsonl");
        Files.writeString(f, text);
        return scanner(maxGroups).scan(new org.apache.hadoop.fs.Path(f.toUri()), "e.jsonl", Storage.configuration(), tmp, "p", 16);
    }

    @Test
    void linesKeepTheirNumbers() throws Exception {
        String longLine = "{\"object\":\"" + "x".repeat(EgressScanner.MAX_LINE + 10) + "\"}";
        EgressScan s = scan("\uFEFF" + OK.formatted("2026-03-01T00:00:00Z", "a", "s1") + "\r\n"
                + "\n"
                + "   \n"
                + longLine + "\n"
                + "{broken\n"
                + OK.formatted("2025-12-31T15:59:59Z", "a", "s2") + "\n"   // 23:59:59 in Shanghai: last year
                + OK.formatted("2025-12-31T16:00:00Z", "a", "s3") + "\n"   // midnight in Shanghai: this year
                + OK.formatted("2026-03-01T00:00:00Z", "b", "s1"), 100);   // no newline at the end
        assertThat(s.lines()).isEqualTo(6);
        assertThat(s.malformed()).isEqualTo(2);
        assertThat(s.malformedShown()).extracting(EgressScan.Malformed::location).containsExactly("e.jsonl:4", "e.jsonl:5");
        assertThat(s.malformedShown().getFirst().problem()).isEqualTo("line longer than " + EgressScanner.MAX_LINE + " bytes");
        assertThat(s.outOfPeriod()).isEqualTo(1);
        assertThat(s.inPeriod()).isEqualTo(3);
        assertThat(s.groups()).extracting(EgressScan.Group::object, EgressScan.Group::lines, EgressScan.Group::firstLocation).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", 2L, "e.jsonl:7"), org.assertj.core.groups.Tuple.tuple("b", 1L, "e.jsonl:8"));
        assertThat(Instant.ofEpochMilli(s.groups().getFirst().firstMillis())).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
    }

    @Test
    void aLogWithAGroupPerLineIsStoppedWithAClearMessage() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(OK.formatted("2026-03-01T00:00:00Z", "/api/customers/" + i, "s" + i)).append('\n');
        }
        assertThatThrownBy(() -> scan(b.toString(), 10)).hasMessageContaining("has more than 10 distinct object/destination groups by line 11")
                .hasMessageContaining("max-groups");
    }
}
