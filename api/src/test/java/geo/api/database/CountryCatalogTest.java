package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountryCatalogTest {

    private static final CountryCatalog CATALOG = CountryCatalog.load();

    @Test
    void everyCountryOfCountriesListIsKnownWithANameAndAContinent() {
        assertTrue(CATALOG.size() >= 249, "only " + CATALOG.size() + " countries");
        Country france = CATALOG.byCode("FR").orElseThrow();

        assertEquals("France", france.name());
        assertEquals("FRA", france.code3());
        assertEquals("Europe", france.continentName());
        assertEquals("Paris", france.capital());
        assertEquals("+33", france.callingCode());
        assertEquals("fr", france.languages());
        assertTrue(france.isEu());
    }

    @Test
    void aCountrysCurrencyAndWhatTheDataLeavesEmpty() {
        assertEquals(Optional.of(new Country.CountryCurrency("USD", "US Dollar", "$")),
                CATALOG.byCode("US").orElseThrow().currency());
        assertEquals("£", CATALOG.byCode("GB").orElseThrow().currency().orElseThrow().symbol());
        assertEquals(".uk", CATALOG.byCode("GB").orElseThrow().tld());
        Country antarctica = CATALOG.byCode("AQ").orElseThrow();
        assertEquals("", antarctica.capital());
        assertEquals("", antarctica.languages());
        assertEquals(Optional.empty(), antarctica.currency());
        assertEquals(List.of(), CATALOG.byCode("XK").orElseThrow().zones());
        assertEquals(Optional.empty(), CATALOG.byCode("ZZ"));
    }

    @ParameterizedTest(name = "{0} at {1},{2} is in {3}")
    @CsvSource({
            "US, 40.71, -74.01, America/New_York",
            "US, 41.88, -87.63, America/Chicago",
            "US, 37.42, -122.08, America/Los_Angeles",
            "RU, 55.75, 37.62, Europe/Moscow",
            "RU, 43.12, 131.89, Asia/Vladivostok",
            "AU, -31.95, 115.86, Australia/Perth",
            // Zones that keep the same clock as the region's main zone are shown by its name.
            "US, 42.33, -83.05, America/New_York",
            "US, 38.25, -85.76, America/New_York",
            "DE, 47.70, 8.68, Europe/Berlin",
            "AU, -42.88, 147.33, Australia/Sydney",
            // Brisbane keeps Sydney's offset only while Sydney is not on summer time.
            "AU, -27.47, 153.03, Australia/Brisbane",
    })
    void aPositionGetsTheCountrysNearestZoneByTheNameOfItsClock(String country, double latitude, double longitude,
            String zone) {
        assertEquals(ZoneId.of(zone), CATALOG.byCode(country).orElseThrow().zoneNearest(latitude, longitude)
                .orElseThrow());
    }
}
