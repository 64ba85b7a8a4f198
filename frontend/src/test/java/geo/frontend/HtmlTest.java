package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupCharactersAreEscaped() {
        assertEquals("&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;",
                Html.escape("<b title=\"x\">Tom & Jerry's</b>"));
    }

    @Test
    void plainTextStaysAsItIsAndTextBeforeTheFirstEscapeIsKept() {
        assertEquals("Mountain View", Html.escape("Mountain View"));
        assertEquals("", Html.escape(""));
        assertEquals("Fish &amp; chips in Zürich &#x20AC;", Html.escape("Fish & chips in Zürich €"));
    }

    @Test
    void latin1StaysAsItIsAndWhatIsBeyondItBecomesACharacterReference() {
        assertEquals("Zürich · 5 &#x20AC; · &#x6771;&#x4EAC; · &#x1F600;", Html.escape("Zürich · 5 € · 東京 · 😀"));
    }
}
