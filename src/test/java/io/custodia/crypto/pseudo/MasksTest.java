package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MasksTest {

  @Test
  void mobile() {
    assertEquals("138****5678", Masks.mobile("13812345678"));
    assertEquals("+86*******5678", Masks.mobile("+8613812345678"));
    assertEquals("*******", Masks.mobile("1381234")); // too short to keep both ends
    assertEquals("", Masks.mobile(""));
    assertNull(Masks.mobile(null));
  }

  @Test
  void residentId() {
    assertEquals("110105********002X", Masks.residentId("11010519491231002X"));
    assertEquals("110105########002X", Masks.residentId("11010519491231002X", '#'));
    assertEquals("**********", Masks.residentId("1101051949"));
  }

  @Test
  void bankCard() {
    assertEquals("622202*********5678", Masks.bankCard("6222020200112345678"));
    assertEquals("411111******1111", Masks.bankCard("4111111111111111"));
  }

  @Test
  void email() {
    assertEquals("z***@example.com", Masks.email("zhangsan@example.com"));
    assertEquals("z***@example.com", Masks.email("zs@example.com"));
    assertEquals("***@example.com", Masks.email("z@example.com"));
    assertEquals("张***@example.cn", Masks.email("张三丰@example.cn"));
    assertEquals("😀***@x.org", Masks.email("😀abc@x.org"));
    assertEquals("a***@c.org", Masks.email("a@b@c.org"));
    assertEquals("*************", Masks.email("not-an-email!"));
    assertEquals("************", Masks.email("@example.com"));
    assertNull(Masks.email(null));
  }
}
