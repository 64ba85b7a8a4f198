package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageBufferTest {

    @Test
    void textIsWrittenAsStringWouldEncodeIt() {
        // ASCII, Latin-1, the rest of the BMP, a pair of surrogates (a flag's letter), and a lone surrogate.
        String text = "<p>geo</p> é · € 東京 \uD83C\uDDFA \uD800 end";

        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), new PageBuffer(1).append(text).toBytes());
    }

    @Test
    void theBufferGrowsAsThePageDoes() {
        PageBuffer page = new PageBuffer(2);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            page.append("row ").append(i).append('\n').append("ü".getBytes(StandardCharsets.UTF_8));
            expected.append("row ").append(i).append('\n').append('ü');
        }

        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), page.toBytes());
    }

    @Test
    void aClearedBufferHoldsOnlyTheNextPage() {
        PageBuffer page = new PageBuffer(256);
        page.append("<p>a long first page, longer than the next</p>");
        page.clear();

        assertArrayEquals("<p>next</p>".getBytes(StandardCharsets.UTF_8), page.append("<p>next</p>").toBytes());
        assertEquals(256, page.capacity());
    }
}
