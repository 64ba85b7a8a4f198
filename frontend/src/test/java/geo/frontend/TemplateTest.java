package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void theValuesGoIntoTheHolesInOrderAsFormattedWouldPutThem() {
        String text = "<p>%s and %s</p>%s";

        assertEquals(text.formatted("a", "b", ""), Template.of(text).fill("a", "b", ""));
        assertEquals("%s stays", Template.of("%s stays").fill("%s"), "a value is not a hole");
    }

    @Test
    void aWrongNumberOfValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Template.of("<p>%s</p>").fill("a", "b"));
    }
}
