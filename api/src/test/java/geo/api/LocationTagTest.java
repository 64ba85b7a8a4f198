package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import geo.api.lookup.Found;
import geo.api.lookup.Source;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocationTagTest {

    private static final String BEFORE = "{\"ip\":\"8.8.8.8\",\"city\":\"Mountain View\",\"time_zone\":{\"name\":"
            + "\"America/Los_Angeles\",\"offset\":-8,\"current_time\":\"2026-12-01 14:00:00.123-0800\","
            + "\"current_time_unix\":1796162400.123,\"is_dst\":false}}";

    @Test
    void theTimeZonesClockDoesNotChangeTheTag() {
        String later = BEFORE.replace("14:00:00.123", "14:01:07.999").replace("1796162400.123", "1796162467.999");

        assertEquals(tag(BEFORE, ""), tag(later, ""));
    }

    @Test
    void theClockIsFoundWhereverTheTimeZoneIs() {
        String zoneFirst = "{\"time_zone\":{\"current_time\":\"2026-12-01 14:00:00.123-0800\","
                + "\"current_time_unix\":1796162400.123},\"currency\":{\"code\":\"USD\"}}";
        String later = zoneFirst.replace("14:00:00.123", "14:01:07.999").replace("1796162400.123", "1796162467.999");

        assertEquals(tag(zoneFirst, ""), tag(later, ""));
    }

    @Test
    void everythingElseDoes() {
        assertNotEquals(tag(BEFORE, ""), tag(BEFORE.replace("Mountain View", "Mountain Viev"), ""));
        assertNotEquals(tag(BEFORE, ""), tag(BEFORE.replace("\"is_dst\":false", "\"is_dst\":true"), ""));
        assertNotEquals(tag(BEFORE, ""), tag(BEFORE, "f=city;x="));
    }

    @Test
    void aLocationWithoutAClockIsTaggedWhole() {
        String plain = "{\"ip\":\"8.8.8.8\",\"city\":\"a \\\"quoted\\\" city\"}";

        assertEquals(tag(plain, ""), tag(plain, ""));
        assertNotEquals(tag(plain, ""), tag(plain.replace("quoted", "Quoted"), ""));
    }

    @Test
    void aCachedEntryWithItsSourceBeforeTheJsonIsTaggedByTheJsonAlone() {
        byte[] json = BEFORE.getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[json.length + 9];
        System.arraycopy("dbip-lite".getBytes(StandardCharsets.UTF_8), 0, entry, 0, 9);
        System.arraycopy(json, 0, entry, 9, json.length);

        assertEquals(tag(BEFORE, ""), LocationTag.of(new Found(entry, 9, Source.DATABASE, true, java.util.Optional.empty()), ""));
    }

    private static String tag(String json, String variant) {
        return LocationTag.of(new Found(json.getBytes(StandardCharsets.UTF_8), Source.DATABASE, false), variant);
    }
}
