package io.custodia;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;
class JavaVersionTest {
  @Test void runsOnJava25() { assertTrue(System.getProperty("java.version").startsWith("25"), System.getProperty("java.version")); }
}
