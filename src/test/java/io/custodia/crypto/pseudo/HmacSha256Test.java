package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4231 HMAC-SHA-256 vectors through the Mac code path every keyed hash here uses. */
class HmacSha256Test {

  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "RFC 4231 test case {0}")
  @CsvSource({
    "1, 0b*20, 4869205468657265,"
        + " b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    "2, 4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f,"
        + " 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    "3, aa*20, dd*50,"
        + " 773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
    "4, 0102030405060708090a0b0c0d0e0f10111213141516171819, cd*50,"
        + " 82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    "5, 0c*20, 546573742057697468205472756e636174696f6e,"
        + " a3b6167473100ee06e0c796c2955552b",
    "6, aa*131, 54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374,"
        + " 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    "7, aa*131, TEXT7, 9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
  })
  void rfc4231(int testCase, String key, String data, String expected) {
    HmacSha256 hmac = new HmacSha256(bytes(key));
    byte[] tag = hmac.mac(bytes(data));
    assertEquals(32, tag.length);
    // Test case 5 publishes the tag truncated to 128 bits.
    assertEquals(expected, HEX.formatHex(tag, 0, expected.length() / 2), "case " + testCase);
    // Again on the same thread's cached Mac: doFinal must have reset it.
    assertEquals(expected, HEX.formatHex(hmac.mac(bytes(data)), 0, expected.length() / 2));
    assertEquals(expected, HEX.formatHex(HmacSha256.compute(bytes(key), bytes(data)), 0, expected.length() / 2));
  }

  /** Hex, or "xx*nn" for nn repetitions of byte xx, or the long text of case 7. */
  private static byte[] bytes(String spec) {
    if (spec.equals("TEXT7")) {
      return ("This is a test using a larger than block-size key and a larger than block-size"
              + " data. The key needs to be hashed before being used by the HMAC algorithm.")
          .getBytes(StandardCharsets.US_ASCII);
    }
    if (spec.matches("[0-9a-f]{2}\\*\\d+")) {
      byte[] b = new byte[Integer.parseInt(spec.substring(3))];
      Arrays.fill(b, (byte) Integer.parseInt(spec.substring(0, 2), 16));
      return b;
    }
    return HEX.parseHex(spec);
  }
}
