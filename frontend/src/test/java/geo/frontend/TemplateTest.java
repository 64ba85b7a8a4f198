package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void theValuesGoIntoTheHolesInOrderAsFormattedWouldPutThem() {
        String text = "<p>%s · %s</p>%s";

        assertEquals(text.formatted("a", "é", ""), fill(text, "a", "é", ""));
        assertEquals("%s stays", fill("%s stays", "%s"), "a value is not a hole");
    }

    @Test
    void aWrongNumberOfValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> fill("<p>%s</p>", "a", "b"));
    }

    private static String fill(String text, String... values) {
        return Template.of(text).appendTo(new PageBuffer(4), values).toString();
    }
}
