package io.custodia.crossborder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Parsing of egress log lines: values, the fast timestamp path against the JDK's parser, and problems that never quote a value. */
class EgressLineTest {
    final EgressLine line = new EgressLine(EgressLine.COLUMNS.keySet());

    String parse(String text) {
        byte[] b = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        return line.parse(b, 2, b.length - 4);
    }

    @Test
    void readsAGoodLine() {
        assertThat(parse("{\"time\":\"2026-03-03T03:00:05.120Z\",\"channel\":\"api\",\"destination_host\":\"API.Atlas.com\","
                + "\"destination_country\":\"us\",\"object\":\"feed.parquet\",\"bytes\":1234,\"subject_hash\":\"ab12\",\"remote_access\":true}"))
                .isNull();
        assertThat(line.millis).isEqualTo(Instant.parse("2026-03-03T03:00:05.120Z").toEpochMilli());
        assertThat(line.host).isEqualTo("api.atlas.com");
        assertThat(line.country).isEqualTo("US");
        assertThat(line.object).isEqualTo("feed.parquet");
        assertThat(line.bytes).isEqualTo(1234);
        assertThat(line.subjectHash()).isEqualTo("ab12");
        assertThat(line.remote).isTrue();
        assertThat(parse("{\"time\":\"2026-03-03T11:00:05+08:00\",\"destination_host\":\"h\",\"destination_country\":\"US\",\"object\":\"o\","
                + "\"bytes\":\"77\",\"subject_hash\":null,\"remote_access\":\"false\"}")).isNull();
        assertThat(line.millis).isEqualTo(Instant.parse("2026-03-03T03:00:05Z").toEpochMilli());
        assertThat(line.subjectHash()).isNull();
        assertThat(line.hasSubject()).isFalse();
        assertThat(line.bytes).isEqualTo(77);
        assertThat(line.channel).isNull();
        assertThat(line.remote).isFalse();
    }

    @Test
    void fastTimestampsAgreeWithTheJdk() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(r.nextLong(-62_000_000_000_000L, 4_102_444_800_000L)).plusNanos(r.nextInt(3) == 0 ? r.nextInt(1_000_000) : 0);
            String s = t.toString();
            assertThat(EgressLine.Timestamps.parseMillis(s)).as(s).isEqualTo(t.toEpochMilli());
            String offset = OffsetDateTime.ofInstant(t, java.time.ZoneOffset.ofHours(8)).toString();
            assertThat(EgressLine.Timestamps.parseMillis(offset)).as(offset).isEqualTo(t.toEpochMilli());
        }
    }

    @Test
    void problemsNameTheFieldNeverTheValue() {
        String ok = "\"destination_host\":\"h\",\"destination_country\":\"US\"";
        assertThat(parse("C000123 was here")).isEqualTo("not valid JSON at column 1");
        assertThat(parse("{\"time\":C000123}")).startsWith("not valid JSON at column");
        assertThat(parse("[1,2]")).isEqualTo("expected a JSON object");
        assertThat(parse("{\"time\":\"2026-02-30T00:00:00Z\"," + ok + ",\"object\":\"o\"}"))
                .isEqualTo("field 'time': not a valid timestamp (ISO-8601 with an offset, e.g. 2026-03-03T03:00:05Z)");
        assertThat(parse("{\"time\":\"2026-03-01T00:00:00Z\"," + ok + ",\"object\":\"o\",\"customer_id\":\"C000123\"}"))
                .startsWith("unknown field 'customer_id'");
        assertThat(parse("{\"time\":\"2026-03-01T00:00:00Z\"," + ok + "}")).isEqualTo("missing field 'object'");
        assertThat(parse("{\"time\":\"2026-03-01T00:00:00Z\",\"destination_country\":\"US\",\"object\":\"o\"}")).isEqualTo("missing field 'destination_host'");
        assertThat(parse("{\"time\":\"2026-03-01T00:00:00Z\"," + ok + ",\"object\":{\"a\":1}}")).isEqualTo("field 'object': expected text");
        assertThat(parse("{\"time\":\"2026-03-01T00:00:00Z\"," + ok + ",\"object\":\"o\",\"bytes\":-5}")).isEqualTo("field 'bytes': negative");
        assertThat(parse("{\"time\":\"2026-03-01T00:00:00Z\"," + ok + ",\"object\":\"o\",\"remote_access\":\"C000123\"}"))
                .isEqualTo("field 'remote_access': expected true or false");
        assertThat(parse("{\"time\":\"2026-03-01T00:00:00Z\"," + ok + ",\"object\":\"o\"} {}")).isEqualTo("more than one JSON value on the line");
    }

    @Test
    void fieldsTheCatalogDeclaresButReconcileDoesNotUseAreSkipped() {
        EgressLine wider = new EgressLine(Set.of("time", "destination_host", "destination_country", "object", "gateway_node"));
        byte[] b = "{\"time\":\"2026-03-01T00:00:00Z\",\"gateway_node\":{\"id\":7},\"destination_host\":\"h\",\"destination_country\":\"US\",\"object\":\"o\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(wider.parse(b, 0, b.length)).isNull();
    }

    /**
     * The fast path against Jackson alone on mutated lines: the same verdict and, for good lines, the
     * same values. A line the fast path accepts must be one Jackson accepts with the same content.
     */
    @Test
    void theFastPathAgreesWithJackson() {
        String[] seeds = {
            "{\"time\":\"2026-03-03T03:00:05Z\",\"channel\":\"api\",\"destination_host\":\"h.example\",\"destination_country\":\"US\","
                + "\"object\":\"obj-1.csv\",\"bytes\":512,\"subject_hash\":\"0a1b2c\",\"remote_access\":false}",
            " { \"object\" : \"o\" , \"time\" : \"2026-03-03T11:00:05+08:00\", \"destination_host\":\"h\",\"destination_country\":\"de\","
                + "\"bytes\":\"12\",\"remote_access\":\"yes\",\"subject_hash\":null } ",
        };
        String alphabet = "{}[]\":,\\ \t0123456789-+.eE" + "truefalsnl" + "abcxyz\u00e9\u4e2d" + "\u0001";
        SplittableRandom r = new SplittableRandom(8);
        EgressLine fast = new EgressLine(Set.of("time", "channel", "destination_host", "destination_country", "object", "bytes",
                "subject_hash", "remote_access", "extra"));
        EgressLine ref = new EgressLine(Set.of("time", "channel", "destination_host", "destination_country", "object", "bytes",
                "subject_hash", "remote_access", "extra"));
        SipHash sip = SipHash.of(SipHash.randomKey());
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder(seeds[r.nextInt(seeds.length)]);
            if (r.nextInt(4) == 0) {
                s.insert(s.length() - 1, ",\"extra\":" + (r.nextBoolean() ? "7" : "\"v\""));
            }
            int edits = r.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(s.length() + 1);
                char c = alphabet.charAt(r.nextInt(alphabet.length()));
                switch (r.nextInt(3)) {
                    case 0 -> s.insert(at, c);
                    case 1 -> {
                        if (at < s.length()) {
                            s.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < s.length()) {
                            s.setCharAt(at, c);
                        }
                    }
                }
            }
            byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
            String a = fast.parse(b, 0, b.length);
            String x = ref.parseWithJackson(b, 0, b.length);
            assertThat(a == null).as(s.toString()).isEqualTo(x == null);
            if (a == null) {
                accepted++;
                assertThat(List.of(fast.millis, String.valueOf(fast.channel), fast.host, fast.country, fast.object, fast.bytes, fast.hasBytes,
                        String.valueOf(fast.subjectHash()), fast.remote)).as(s.toString()).isEqualTo(List.of(ref.millis, String.valueOf(ref.channel),
                        ref.host, ref.country, ref.object, ref.bytes, ref.hasBytes, String.valueOf(ref.subjectHash()), ref.remote));
                if (fast.hasSubject()) {
                    assertThat(fast.fingerprint(sip)).isEqualTo(ref.fingerprint(sip));
                }
            } else {
                assertThat(a).as(s.toString()).isEqualTo(x);
            }
        }
        assertThat(accepted).isGreaterThan(20_000);
    }
}
