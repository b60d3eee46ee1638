package io.custodia.sampledata;

/**
 * {@code prefix} followed by {@code n} in ASCII decimal, zero-padded to {@code width} digits, as
 * {@code String.format(prefix + "%0<width>d", n)} writes a non-negative number: the ids of tens of
 * millions of generated rows, where the formatter's parsing of its pattern was a tenth of the
 * generator's CPU. Wider numbers keep all their digits.
 */
final class Padded {
    private Padded() {
    }

    static String of(String prefix, long n, int width) {
        if (n < 0) {
            throw new IllegalArgumentException("negative sequence number " + n);
        }
        String digits = Long.toString(n);
        StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }
}
