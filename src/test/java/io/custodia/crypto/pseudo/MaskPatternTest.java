package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskPatternTest {

  @Test
  void parsesTheDocumentedForm() {
    MaskPattern p = MaskPattern.parse("keep-first:3,keep-last:4,char:*");
    assertEquals(new MaskPattern(3, 4, '*'), p);
    assertEquals("138****5678", p.apply("13812345678"));
  }

  @Test
  void orderSpacesAndDefaults() {
    assertEquals(new MaskPattern(0, 4, '#'), MaskPattern.parse(" char : # , keep-last: 4 "));
    assertEquals(new MaskPattern(2, 0, '*'), MaskPattern.parse("keep-first:2"));
    assertEquals(new MaskPattern(0, 0, '●'), MaskPattern.parse("char:●"));
  }

  @Test
  void specRoundTrips() {
    for (MaskPattern p :
        new MaskPattern[] {new MaskPattern(3, 4, '*'), new MaskPattern(0, 0, ':'), new MaskPattern(9, 1, 'x')}) {
      assertEquals(p, MaskPattern.parse(p.spec()));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "keep-first:x,keep-last:4|'x'",
        "keep-first:-1|'-1'",
        "keep-first:99999999999|'99999999999'",
        "keep-first:3,keep-last:4,char:**|'**'",
        "keep-first:3,char:|''",
        "keep-first:3,keep-middle:4|'keep-middle'",
        "keep-first:3,keep-first:4|'keep-first'",
        "keep-first:3,,keep-last:4|''",
        "keep-first=3|'keep-first=3'",
        "keep-first:3,char:,|''",
      })
  void errorsNameTheBadValue(String spec, String named) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MaskPattern.parse(spec));
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }

  @Test
  void rejectsBlankAndBadComponents() {
    assertThrows(IllegalArgumentException.class, () -> MaskPattern.parse(" "));
    assertThrows(IllegalArgumentException.class, () -> new MaskPattern(-1, 0, '*'));
    assertThrows(IllegalArgumentException.class, () -> new MaskPattern(0, -2, '*'));
    assertThrows(IllegalArgumentException.class, () -> new MaskPattern(0, 0, '\uD800'));
  }

  @Test
  void failsClosedAndKeepsCodePointsWhole() {
    MaskPattern p = MaskPattern.of(3, 4);
    assertEquals("*******", p.apply("1234567"));
    assertEquals("123*5678", p.apply("12345678"));
    assertEquals("😀😀😀**😀😀😀😀", p.apply("😀😀😀😀😀😀😀😀😀"));
    assertEquals("张三*******", MaskPattern.of(2, 0).apply("张三丰李四王五赵六"));
    assertEquals("", p.apply(""));
    assertEquals("*****", MaskPattern.of(0, 0).apply("abcde"));
    // keepFirst + keepLast must not overflow into "keep everything".
    assertEquals("**", new MaskPattern(Integer.MAX_VALUE, Integer.MAX_VALUE, '*').apply("ab"));
  }
}
