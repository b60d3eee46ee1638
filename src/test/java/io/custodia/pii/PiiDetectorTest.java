package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {
    @Test
    void findsIdentifiersInFreeTextOnlyWithValidCheckCharacters() {
        assertThat(PiiDetector.detect("请联系我 13812345678 谢谢")).containsExactly(PiiKind.MOBILE);
        assertThat(PiiDetector.detect("身份证11010519491231002X已提供")).containsExactly(PiiKind.RESIDENT_ID);
        assertThat(PiiDetector.detect("ID 110105194912310021")).as("wrong check character").isEmpty();
        assertThat(PiiDetector.detect("card 6222020000000000 please")).isEmpty();
        assertThat(PiiDetector.detect("card 4111111111111111 please")).containsExactly(PiiKind.BANK_CARD);
        assertThat(PiiDetector.detect("write to li.na@example.com.cn")).containsExactly(PiiKind.EMAIL);
        assertThat(PiiDetector.detect("order O2026000123 shipped")).isEmpty();
    }

    @Test
    void severalKindsInOneValueAreAllFoundAndShortDigitRunsNeverAre() {
        assertThat(PiiDetector.detect("tel:13812345678,身份证11010519491231002X; card 4111111111111111 / a@b.cn"))
                .containsExactlyInAnyOrder(PiiKind.MOBILE, PiiKind.RESIDENT_ID, PiiKind.BANK_CARD, PiiKind.EMAIL);
        assertThat(PiiDetector.detect("1381234567 (ten digits), 138-1234-5678, 2026-11-25 12:00:00, 4111 1111 1111 1111")).isEmpty();
        assertThat(PiiDetector.detect("13812345678")).as("a whole value that is a mobile number").containsExactly(PiiKind.MOBILE);
    }

    @Test
    void digitRunsInsideHashesAndTokensAreNotPersonalData() {
        assertThat(PiiDetector.detect("9f3a13812345678b4111111111111111c0")).isEmpty();
        assertThat(PiiDetector.detect("x11010519491231002Xy")).isEmpty();
    }

    @Test
    void checkCharactersFollowTheStandards() {
        assertThat(Identifiers.residentIdCheckChar("11010519491231002")).isEqualTo('X');
        assertThat(Identifiers.isValidResidentId("11010519491231002x")).isTrue();
        assertThat(Identifiers.isLuhnValid("79927398713")).isTrue();
        assertThat(Identifiers.isLuhnValid("79927398710")).isFalse();
        assertThat(Identifiers.luhnCheckDigit("7992739871")).isEqualTo('3');
        assertThat(Set.of(PiiKind.values())).hasSize(4);
    }
}
