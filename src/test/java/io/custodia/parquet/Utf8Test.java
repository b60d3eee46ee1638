package io.custodia.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/** The text of a value is the same whatever kind of buffer its bytes sit in, and where in it. */
class Utf8Test {
    static final String TEXT = "张伟 zhang.wei@example.cn ✓";

    @Test
    void decodesBytesAtAnOffsetOfAnArrayOfAHeapBufferAndOfADirectBuffer() {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[utf8.length + 7];
        System.arraycopy(utf8, 0, padded, 3, utf8.length);
        ByteBuffer heap = ByteBuffer.wrap(padded, 3, utf8.length).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded).position(3).limit(3 + utf8.length);

        assertThat(new Utf8(Binary.fromConstantByteArray(padded, 3, utf8.length)).toString()).isEqualTo(TEXT);
        assertThat(new Utf8(Binary.fromConstantByteBuffer(heap)).toString()).isEqualTo(TEXT);
        assertThat(new Utf8(Binary.fromConstantByteBuffer(direct)).toString()).isEqualTo(TEXT);
        assertThat(Utf8.of(TEXT).toString()).isEqualTo(TEXT);
    }

    @Test
    void malformedBytesBecomeReplacementCharactersAsBefore() {
        byte[] bad = {'a', (byte) 0xC3, 'b', (byte) 0xFF};
        Binary b = Binary.fromConstantByteArray(bad);
        assertThat(new Utf8(b).toString()).isEqualTo(b.toStringUsingUTF8()).isEqualTo("a\uFFFDb\uFFFD");
    }

    @Test
    void decodesOnceAndGivesTheSameTextEveryTime() {
        Utf8 u = new Utf8(Binary.fromConstantByteArray(TEXT.getBytes(StandardCharsets.UTF_8)));
        String first = u.toString();
        assertThat(first).isEqualTo(TEXT);
        assertThat(u.toString()).as("decoded once, then kept").isSameAs(first);
    }
}
