import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.Locale;

/**
 * Prints each country's currency symbol as the country writes it, from the JDK's locale data: reads lines
 * "COUNTRY LANGUAGE" (ISO 3166 code, the country's first language) on stdin and writes "COUNTRY SYMBOL" for every
 * country the JDK knows a currency for. geo-api keeps the symbols in its country data, so that its runtime needs no
 * locale data for some 250 locales (jdk.localedata, 10 MB of every image) and no time to load them.
 * Run by scripts/generate-country-data.sh as `java scripts/CurrencySymbols.java`.
 */
public final class CurrencySymbols {

    public static void main(String[] args) throws Exception {
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var out = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] parts = line.strip().split(" ");
            if (parts.length != 2) {
                continue;
            }
            String country = parts[0];
            Currency currency;
            try {
                currency = Currency.getInstance(Locale.of("", country));
            } catch (IllegalArgumentException noCurrencyData) {
                continue;
            }
            if (currency != null) {
                out.append(country).append(' ').append(currency.getSymbol(Locale.of(parts[1], country))).append('\n');
            }
        }
        System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }
}
