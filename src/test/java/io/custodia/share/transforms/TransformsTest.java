package io.custodia.share.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.catalog.ColumnType;
import io.custodia.crypto.pseudo.BankCardFpe;
import io.custodia.crypto.pseudo.ChineseResidentIdFpe;
import io.custodia.crypto.pseudo.DerivedKeyId;
import io.custodia.crypto.pseudo.HmacPseudonymizer;
import io.custodia.crypto.pseudo.KeyDerivation;
import io.custodia.crypto.pseudo.KeyPurpose;
import io.custodia.crypto.pseudo.MasterKey;
import io.custodia.crypto.pseudo.MaskPattern;
import io.custodia.crypto.pseudo.MobileNumberFpe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each transform as a unit: output format, what is kept, what is never kept, keys scoped per recipient. */
class TransformsTest {
    static final LocalDate RUN = LocalDate.of(2026, 11, 25);
    static KeyDerivation derivation;
    static KeyContext partner;
    static KeyContext other;

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("master.key");
        Files.writeString(f, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
        derivation = new KeyDerivation(MasterKey.readFile(f));
        partner = new KeyContext(derivation, "swift-parcel", "delivery planning", RUN);
        other = new KeyContext(derivation, "atlas-analytics", "marketing analytics", RUN);
    }

    @Test
    void keepAndSuppress() {
        assertThat(new Keep(ColumnType.STRING).bind(partner).apply("广东省", "C1")).isEqualTo("广东省");
        assertThat(new Keep(ColumnType.STRING).keepsRawValue()).isTrue();
        assertThat(new Suppress(ColumnType.STRING).bind(partner).apply("E12345678", "C1")).isNull();
        assertThat(new Suppress(ColumnType.DATE).outputType()).isEqualTo(ColumnType.DATE);
    }

    @Test
    void pseudonymIsTheRecipientsHmacTokenAndDiffersPerRecipientAndVersion() {
        Transform t = new Pseudonym("customer_id", 1).bind(partner);
        String expected = HmacPseudonymizer.create(derivation.derive(
                new DerivedKeyId(KeyPurpose.PSEUDONYM, "swift-parcel", "delivery planning", "customer_id", 1))).token("C00000001");
        assertThat((String) t.apply("C00000001", null)).isEqualTo(expected).matches("[a-z2-7]{26}");
        assertThat(t.apply("C00000001", null)).isEqualTo(t.apply("C00000001", null));
        assertThat(new Pseudonym("customer_id", 1).bind(other).apply("C00000001", null)).isNotEqualTo(expected);
        assertThat(new Pseudonym("customer_id", 2).bind(partner).apply("C00000001", null)).isNotEqualTo(expected);
        assertThat(t.apply(42L, null)).isEqualTo(t.apply("42", null));
        assertThat(t.apply(null, null)).isNull();
    }

    @Test
    void fpeKeepsFormatsAndCheckCharactersAndRoundTrips() {
        Fpe idSpec = new Fpe(FpeFormat.RESIDENT_ID, true, false, "resident_id", 1);
        String id = "11010519491231002X";
        String enc = (String) idSpec.bind(partner).apply(id, null);
        assertThat(enc).isNotEqualTo(id).startsWith("110105").hasSize(18);
        assertThat(ChineseResidentIdFpe.isValid(enc)).isTrue();
        assertThat(idSpec.cipher(partner).decrypt(enc, Fpe.tweak())).isEqualTo(id);
        assertThat(idSpec.cipher(other).decrypt(enc, Fpe.tweak())).isNotEqualTo(id);

        Fpe mobile = new Fpe(FpeFormat.MOBILE, true, false, "mobile", 1);
        String m = (String) mobile.bind(partner).apply("13812345678", null);
        assertThat(m).startsWith("138").hasSize(11).isNotEqualTo("13812345678");
        assertThat(MobileNumberFpe.isValid(m)).isTrue();
        assertThat(mobile.cipher(partner).decrypt(m, Fpe.tweak())).isEqualTo("13812345678");

        Fpe card = new Fpe(FpeFormat.BANK_CARD, true, false, "card_number", 1);
        String cardNo = "622202020011234567" + BankCardFpe.luhnCheckDigit("622202020011234567");
        String c = (String) card.bind(partner).apply(cardNo, null);
        assertThat(c).startsWith("622202").hasSize(19);
        assertThat(BankCardFpe.luhnValid(c)).isTrue();
        assertThat(c).isNotEqualTo(cardNo);
        assertThat(card.cipher(partner).decrypt(c, Fpe.tweak())).isEqualTo(cardNo);

        String digits = (String) new Fpe(FpeFormat.DIGITS, false, false, "postal_code", 1).bind(partner).apply("510630", null);
        assertThat(digits).matches("[0-9]{6}").isNotEqualTo("510630");
    }

    @Test
    void fpeNullsInvalidValuesAndCountsThemOrFailsWithoutQuotingThem() {
        Transform t = new Fpe(FpeFormat.MOBILE, false, false, "mobile", 1).bind(partner);
        assertThat(t.apply("+1 555 0100", null)).isNull();
        assertThat(t.apply("12345", null)).isNull();
        assertThat(t.apply(null, null)).isNull();
        assertThat(t.rejected()).isEqualTo(2);
        Transform strict = new Fpe(FpeFormat.MOBILE, false, true, "mobile", 1).bind(partner);
        assertThatThrownBy(() -> strict.apply("+1 555 0100", null)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("not a valid mobile").hasMessageNotContaining("555");
    }

    @Test
    void masks() {
        assertThat(new Mask(MaskStyle.MOBILE, null).apply("13812345678", null)).isEqualTo("138****5678");
        assertThat(new Mask(MaskStyle.EMAIL, null).apply("zhangsan@example.com", null)).isEqualTo("z***@example.com");
        assertThat(new Mask(MaskStyle.BANK_CARD, null).apply("6222020200112345678", null)).isEqualTo("622202*********5678");
        assertThat(new Mask(MaskStyle.RESIDENT_ID, null).apply("11010519491231002X", null)).isEqualTo("110105********002X");
        assertThat(new Mask(MaskStyle.CUSTOM, MaskPattern.parse("keep-first:1,keep-last:1,char:#")).apply("王小明", null)).isEqualTo("王#明");
    }

    @Test
    void dateGeneralizations() {
        Transform band = new DateGeneralization(DateGeneralization.Level.AGE_BAND, 10, 70).bind(partner);
        assertThat(band.apply(LocalDate.of(1990, 11, 25), null)).isEqualTo("30-39"); // 36 on the run date
        assertThat(band.apply(LocalDate.of(1996, 11, 25), null)).isEqualTo("30-39"); // 30th birthday on the run date
        assertThat(band.apply(LocalDate.of(1996, 11, 26), null)).isEqualTo("20-29");
        assertThat(band.apply(LocalDate.of(1940, 1, 1), null)).isEqualTo("70+");
        assertThat(band.apply(LocalDate.of(2027, 1, 1), null)).isNull();
        assertThat(band.rejected()).isEqualTo(1);
        Transform year = new DateGeneralization(DateGeneralization.Level.YEAR, 0, null).bind(partner);
        assertThat(year.apply(Instant.parse("1987-05-06T23:59:59Z"), null)).isEqualTo(1987);
        assertThat(new DateGeneralization(DateGeneralization.Level.MONTH, 0, null).bind(partner).apply(LocalDate.of(1987, 5, 6), null))
                .isEqualTo("1987-05");
    }

    @Test
    void numbersAddressesPrefixesCategories() {
        NumberBuckets b = new NumberBuckets(100);
        assertThat(b.apply(237.5, null)).isEqualTo("[200,300)");
        assertThat(b.apply(-0.5, null)).isEqualTo("[-100,0)");
        assertThat(b.apply(300, null)).isEqualTo("[300,400)");
        assertThat(new NumberBuckets(0.5).apply(1.3, null)).isEqualTo("[1,1.5)");

        assertThat(AddressLevel.of("广东省广州市天河区天河路1号", AddressLevel.Level.PROVINCE)).isEqualTo("广东省");
        assertThat(AddressLevel.of("广东省广州市天河区天河路1号", AddressLevel.Level.CITY)).isEqualTo("广州市");
        assertThat(AddressLevel.of("北京市东城区王府井大街1号", AddressLevel.Level.CITY)).isEqualTo("北京市");
        assertThat(AddressLevel.of("广西壮族自治区南宁市青秀区民族大道1号", AddressLevel.Level.PROVINCE)).isEqualTo("广西壮族自治区");
        assertThat(AddressLevel.of("广西壮族自治区南宁市青秀区民族大道1号", AddressLevel.Level.CITY)).isEqualTo("南宁市");
        assertThat(AddressLevel.of("四川省阿坝藏族羌族自治州马尔康市1号", AddressLevel.Level.CITY)).isEqualTo("阿坝藏族羌族自治州");
        Transform city = new AddressLevel(AddressLevel.Level.CITY).bind(partner);
        assertThat(city.apply("12 Harbour Street, Springfield", null)).isNull();
        assertThat(city.rejected()).isEqualTo(1);

        Transform p = new Prefix(3).bind(partner);
        assertThat(p.apply("510630", null)).isEqualTo("510");
        assertThat(p.apply("510", null)).isNull();
        assertThat(p.rejected()).isEqualTo(1);

        Categories c = new Categories(List.of("CN"), "other");
        assertThat(c.apply("CN", null)).isEqualTo("CN");
        assertThat(c.apply("US", null)).isEqualTo("other");
        assertThat(c.apply(null, null)).isNull();
    }

    @Test
    void dateShiftIsPerSubjectNeverZeroWithinRangeAndPerRecipient() throws Exception {
        DateShift spec = new DateShift(ColumnType.DATE, 30, 1);
        Transform t = spec.bind(partner);
        Set<Long> seen = new HashSet<>();
        int differentForOther = 0;
        DateShift.Shifter otherShifter = spec.shifter(other);
        for (int i = 0; i < 2_000; i++) {
            String subject = String.format("C%08d", i);
            LocalDate d = LocalDate.of(2020, 1, 1);
            long days = ChronoUnit.DAYS.between(d, (LocalDate) t.apply(d, subject));
            assertThat(days).isBetween(-30L, 30L).isNotZero();
            // the same subject moves by the same days in every column (a timestamp here) and every binding
            Instant ts = Instant.parse("2021-06-01T10:00:00Z");
            assertThat(new DateShift(ColumnType.TIMESTAMP, 30, 1).bind(partner).apply(ts, subject)).isEqualTo(ts.plus(days, ChronoUnit.DAYS));
            seen.add(days);
            if (otherShifter.days(subject) != days) {
                differentForOther++;
            }
        }
        assertThat(seen).hasSize(60); // every shift in [-30,-1] and [1,30] occurs
        assertThat(differentForOther).isGreaterThan(1_900);

        // the documented construction, recomputed with the JDK: HMAC of the subject key, 8 bytes mod 2*max
        byte[] key = derivation.derive(new DerivedKeyId(KeyPurpose.DATE_SHIFT, "swift-parcel", "delivery planning", DateShift.KEY_COLUMN, 1))
                .rawKeyMaterial();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] tag = mac.doFinal("C00000007".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long v = java.nio.ByteBuffer.wrap(tag, 0, 8).getLong();
        long r = Long.remainderUnsigned(v, 60);
        long expected = r < 30 ? r - 30 : r - 29;
        assertThat(spec.shifter(partner).days("C00000007")).isEqualTo(expected);
        assertThat(t.apply(LocalDate.of(2020, 1, 1), null)).isNull();
        assertThatThrownBy(() -> new DateShift(ColumnType.STRING, 30, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
