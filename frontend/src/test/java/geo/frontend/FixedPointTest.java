package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FixedPointTest {

    @Test
    void numbersHaveTheirDecimalsRoundedHalfUp() {
        assertEquals("0.00", FixedPoint.of(0, 2));
        assertEquals("720.00", FixedPoint.of(720, 2));
        assertEquals("115.83", FixedPoint.of(115.83, 2));
        assertEquals("0.05", FixedPoint.of(0.05, 2));
        assertEquals("0.13", FixedPoint.of(0.125, 2));
        assertEquals("-122.08500", FixedPoint.of(-122.085, 5));
        assertEquals("0.00001", FixedPoint.of(0.00001, 5));
        assertEquals("-0.50000", FixedPoint.of(-0.5, 5));
        assertEquals("7", FixedPoint.of(6.5, 0));
    }

    /** Coordinates of up to three decimals, as geo-api gives them, come out as %.2f and %.5f wrote them. */
    @Test
    void coordinatesAreWrittenAsAFormatterWroteThem() {
        for (int thousandths = -180_000; thousandths <= 180_000; thousandths++) {
            double degrees = thousandths / 1000.0;
            double x = (degrees + 180) * 2;
            assertEquals(String.format(Locale.ROOT, "%.2f", x), FixedPoint.of(x, 2), "x of " + degrees);
            assertEquals(String.format(Locale.ROOT, "%.5f", degrees), FixedPoint.of(degrees, 5), "" + degrees);
        }
    }
}
