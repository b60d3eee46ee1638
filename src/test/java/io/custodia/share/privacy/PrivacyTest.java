package io.custodia.share.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.thirdparty.com.google.common.hash.Hashing;
import org.junit.jupiter.api.Test;

/** Fingerprints against an independent MurmurHash3, class tables against plain maps, the decision against hand counts. */
class PrivacyTest {
    @Test
    void fingerprintIsMurmur3X64_128OfTheWordEncoding() {
        // Guava's MurmurHash3 (shaded in Hadoop's client runtime) over the little-endian bytes of the documented words
        long[] words = {0xA2L, 3, ((long) 'a' << 32) | ((long) 'b' << 16) | 'c', 0xA3L, 42, 0xA1L};
        ByteBuffer buf = ByteBuffer.allocate(words.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long w : words) {
            buf.putLong(w);
        }
        byte[] h = Hashing.murmur3_128().hashBytes(buf.array()).asBytes();
        ByteBuffer out = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        Fingerprint128 fp = new Fingerprint128().add("abc").add(42).add(null);
        assertThat(fp.high()).isEqualTo(out.getLong(0));
        assertThat(fp.low()).isEqualTo(out.getLong(8));
        // strings longer than four characters pack four UTF-16 units per word
        long[] w2 = {0xA2L, 5, ((long) '广' << 48) | ((long) '东' << 32) | ((long) '省' << 16) | 'x', 'y'};
        ByteBuffer b2 = ByteBuffer.allocate(w2.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        Arrays.stream(w2).forEach(b2::putLong);
        ByteBuffer o2 = ByteBuffer.wrap(Hashing.murmur3_128().hashBytes(b2.array()).asBytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new Fingerprint128().add("广东省xy").high()).isEqualTo(o2.getLong(0));
    }

    @Test
    void fingerprintEncodingIsInjectiveAcrossShapesAndTypes() {
        List<List<Object>> tuples = List.of(List.of("a|b", "c"), List.of("a", "b|c"), Arrays.asList(null, ""), Arrays.asList("", null),
                List.of(1), List.of(1L), List.of("1"), List.of(LocalDate.ofEpochDay(1)), List.of(Instant.ofEpochSecond(1)), List.of(true),
                List.of(1.0), List.of("abcd", "e"), List.of("abcde"), List.of());
        Map<String, List<Object>> seen = new HashMap<>();
        for (List<Object> t : tuples) {
            Fingerprint128 fp = new Fingerprint128();
            t.forEach(fp::add);
            assertThat(seen.put(fp.high() + ":" + fp.low(), t)).as("collision for %s", t).isNull();
        }
    }

    @Test
    void classCountsMatchAPlainMapAndSurviveMergeAndSerialization() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        ClassCounts a = new ClassCounts(3, 16);
        ClassCounts b = new ClassCounts(3, 16);
        Map<Long, Integer> expectedCounts = new HashMap<>();
        Map<Long, java.util.Set<Long>> expectedValues = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            long cls = r.nextInt(5_000);
            long value = 1 + r.nextInt(4);
            (i % 2 == 0 ? a : b).add(cls * 7919, cls, value);
            expectedCounts.merge(cls, 1, Integer::sum);
            expectedValues.computeIfAbsent(cls, k -> new java.util.HashSet<>()).add(value);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.writeTo(new DataOutputStream(bytes));
        ClassCounts merged = new ClassCounts(3);
        merged.merge(a);
        merged.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(merged.size()).isEqualTo(expectedCounts.size());
        assertThat(merged.records()).isEqualTo(50_000);
        expectedCounts.forEach((cls, n) -> {
            assertThat(merged.count(cls * 7919, cls)).isEqualTo(n);
            assertThat(merged.distinct(cls * 7919, cls)).isEqualTo(Math.min(3, expectedValues.get(cls).size()));
        });
        assertThat(merged.count(-1, -1)).isZero();
    }

    @Test
    void assessmentSuppressesSmallClassesAndReportsArxFigures() {
        ClassCounts c = new ClassCounts(0);
        add(c, 1, 10);
        add(c, 2, 5);
        add(c, 3, 2);
        add(c, 4, 1);
        // 18 records, 4 classes; k=5 suppresses classes 3 and 4 (3 records = 16.7 %)
        PrivacyAssessment ok = PrivacyAssessment.assess(c, new PrivacyModel(5, 0.2, 0.2, null, 0));
        assertThat(ok.passed()).isTrue();
        assertThat(ok.suppressedRecords()).isEqualTo(3);
        assertThat(ok.suppressedClasses()).isEqualTo(2);
        assertThat(ok.suppressed().contains(3, 3)).isTrue();
        assertThat(ok.suppressed().contains(4, 4)).isTrue();
        assertThat(ok.suppressed().contains(1, 1)).isFalse();
        RiskFigures before = ok.before();
        assertThat(before.records()).isEqualTo(18);
        assertThat(before.classes()).isEqualTo(4);
        assertThat(before.smallestClass()).isEqualTo(1);
        assertThat(before.uniqueRecords()).isEqualTo(1);
        assertThat(before.sampleUniqueness()).isEqualTo(1.0 / 18);
        assertThat(before.highestRisk()).isEqualTo(1.0);
        assertThat(before.averageRisk()).isEqualTo(4.0 / 18);
        assertThat(before.recordsAtRisk()).isEqualTo(3); // risk 1/2 and 1/1 are above 0.2; 1/5 is not
        RiskFigures after = ok.after();
        assertThat(after.records()).isEqualTo(15);
        assertThat(after.smallestClass()).isEqualTo(5);
        assertThat(after.highestRisk()).isEqualTo(0.2);
        assertThat(after.averageRisk()).isEqualTo(2.0 / 15);
        assertThat(after.recordsAtRisk()).isZero();

        PrivacyAssessment refused = PrivacyAssessment.assess(c, new PrivacyModel(5, 0.1, 0.2, null, 0));
        assertThat(refused.passed()).isFalse();
        assertThat(refused.suppressed()).isNull();
        assertThat(refused.refusals().getFirst()).contains("3 of 18").contains("limit of 1");

        PrivacyAssessment risky = PrivacyAssessment.assess(c, new PrivacyModel(5, 0.2, 0.2, 0.1, 0));
        assertThat(risky.passed()).isFalse();
        assertThat(risky.refusals().getFirst()).contains("average prosecutor risk 0.1333");

        assertThat(PrivacyAssessment.assess(new ClassCounts(0), new PrivacyModel(2, 0.1, 0.5, null, 0)).refusals().getFirst())
                .contains("no records");
    }

    @Test
    void lDiversitySuppressesClassesWithTooFewSensitiveValues() {
        ClassCounts c = new ClassCounts(2);
        for (int i = 0; i < 6; i++) {
            c.add(1, 1, 100 + i % 2); // two values
            c.add(2, 2, 7);           // one value: large enough for k, not diverse
        }
        PrivacyAssessment a = PrivacyAssessment.assess(c, new PrivacyModel(3, 0.5, 0.5, null, 2));
        assertThat(a.passed()).isTrue();
        assertThat(a.suppressedRecords()).isEqualTo(6);
        assertThat(a.lDiversityClasses()).isEqualTo(1);
        assertThat(a.suppressed().contains(2, 2)).isTrue();
        assertThat(a.after().records()).isEqualTo(6);
    }

    @Test
    void maxPassingClassesBoundsTheTable() {
        PrivacyModel m = new PrivacyModel(5, 0.05, 0.2, null, 0);
        assertThat(m.maxPassingClasses(10_000)).isEqualTo(2_000 + 500 + 1);
    }

    @Test
    void fingerprintSetAndSubjectSetRoundTrip() throws Exception {
        FingerprintSet s = new FingerprintSet(4);
        for (long i = 0; i < 10_000; i++) {
            s.add(i, -i);
        }
        assertThat(s.add(5, -5)).isFalse();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        FingerprintSet back = FingerprintSet.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.size()).isEqualTo(10_000);
        assertThat(back.contains(0, 0)).isTrue();
        assertThat(back.contains(9_999, -9_999)).isTrue();
        assertThat(back.contains(10_000, -10_000)).isFalse();

        SubjectSet subjects = new SubjectSet();
        for (long i = -3; i < 5_000; i++) {
            subjects.add(i);
            subjects.add(i);
        }
        assertThat(subjects.size()).isEqualTo(5_003);
        ByteArrayOutputStream sb = new ByteArrayOutputStream();
        subjects.writeTo(new DataOutputStream(sb));
        SubjectSet merged = new SubjectSet();
        merged.add(10_000);
        merged.readFrom(new DataInputStream(new ByteArrayInputStream(sb.toByteArray())));
        assertThat(merged.size()).isEqualTo(5_004);
    }

    private static void add(ClassCounts c, long id, int n) {
        for (int i = 0; i < n; i++) {
            c.add(id, id);
        }
    }
}
