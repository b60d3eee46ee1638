package io.custodia.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generated ids stay what String.format wrote, so a seed gives the same company as before. */
class PaddedTest {
    @Test
    void writesWhatTheFormatterWroteForEveryWidthAndSize() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int width = 1; width <= 12; width++) {
            for (long n : new long[] {0, 1, 9, 10, 99, 12345, 99_999_999L, 100_000_000L, 123_456_789_012L, Long.MAX_VALUE}) {
                assertThat(Padded.of("EV", n, width)).isEqualTo(String.format(Locale.ROOT, "EV%0" + width + "d", n));
            }
            for (int i = 0; i < 1000; i++) {
                long n = rnd.nextLong(0, 10_000_000_000L);
                assertThat(Padded.of("C", n, width)).isEqualTo(String.format(Locale.ROOT, "C%0" + width + "d", n));
            }
        }
        assertThat(Padded.of("SC-2026-", 7, 6)).isEqualTo(String.format("%s-%d-%06d", "SC", 2026, 7));
        assertThat(Padded.of("", 5, 2)).isEqualTo("05");
    }

    @Test
    void refusesNegativeNumbers() {
        assertThatThrownBy(() -> Padded.of("C", -1, 8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
