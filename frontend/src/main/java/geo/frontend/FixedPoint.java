package geo.frontend;

/**
 * Numbers with a fixed count of decimals, as {@code %.2f} writes them, without a formatter: a page wrote six this
 * way (the map's marker, the OpenStreetMap link), and parsing the format and its allocation were a few per cent of a
 * page's work. Rounded half up, as a formatter rounds, but for values within a rounding error of a half unit of the
 * last decimal, where the two may differ by that unit: a hundredth of the map's units, a metre on the link.
 */
final class FixedPoint {

    private static final long[] SCALES = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private FixedPoint() {
    }

    /** The value with {@code decimals} decimals (0 to 6), "-122.08500"; for values well below 10^12. */
    static String of(double value, int decimals) {
        long scale = SCALES[decimals];
        long units = Math.round(Math.abs(value) * scale);
        StringBuilder text = new StringBuilder(24);
        if (value < 0 && units > 0) {
            text.append('-');
        }
        text.append(units / scale);
        if (decimals > 0) {
            String fraction = Long.toString(units % scale);
            text.append('.').repeat('0', decimals - fraction.length()).append(fraction);
        }
        return text.toString();
    }
}
