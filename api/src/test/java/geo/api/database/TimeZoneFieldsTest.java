package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeZoneFieldsTest {

    private final ObjectMapper json = new ObjectMapper();

    private static String text(ZoneId zone, Instant now) {
        return new String(TimeZoneFields.of(zone).at(now), StandardCharsets.UTF_8);
    }

    /** The fields as java.time gives them, each one worked out afresh. */
    private static Map<String, Object> expected(ZoneId zone, Instant now) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition next = rules.nextTransition(now);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", zone.getId());
        fields.put("offset", rules.getStandardOffset(now).getTotalSeconds() / 3600.0);
        fields.put("offset_with_dst", rules.getOffset(now).getTotalSeconds() / 3600.0);
        fields.put("current_time", ZonedDateTime.ofInstant(now, zone)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ")));
        fields.put("current_time_unix", now.toEpochMilli() / 1000.0);
        fields.put("is_dst", rules.isDaylightSavings(now));
        fields.put("dst_savings", rules.getDaylightSavings(now).toSeconds() / 3600.0);
        fields.put("dst_exists", next != null && next.getInstant().isBefore(now.plus(Duration.ofDays(366))));
        return fields;
    }

    private Map<String, Object> actual(TimeZoneFields fields, Instant now) throws Exception {
        Map<String, Object> read = new LinkedHashMap<>();
        json.readTree(fields.at(now)).properties().forEach(field -> read.put(field.getKey(),
                field.getValue().isNumber() ? field.getValue().doubleValue()
                        : field.getValue().isBoolean() ? field.getValue().booleanValue() : field.getValue().asText()));
        return read;
    }

    @Test
    void oneZonesFieldsAreRightOnBothSidesOfEachTransitionWhateverOrderTheClockComesIn() throws Exception {
        TimeZoneFields fields = TimeZoneFields.of(ZoneId.of("Europe/Berlin"));
        Instant spring = Instant.parse("2026-03-29T01:00:00Z");
        Instant autumn = Instant.parse("2026-10-25T01:00:00Z");
        List<Instant> instants = List.of(spring.minusMillis(1), spring, autumn.minusMillis(1), autumn,
                spring.plusMillis(1), spring.minusSeconds(86_400 * 3), autumn.plusSeconds(86_400 * 30), spring);

        for (Instant now : instants) {
            assertEquals(expected(fields.zone(), now), actual(fields, now), "at " + now);
        }
    }

    @Test
    void everyZoneAgreesWithJavaTimeAtInstantsAcrossYears() throws Exception {
        Random random = new Random(16);
        for (String id : ZoneId.getAvailableZoneIds()) {
            TimeZoneFields fields = TimeZoneFields.of(ZoneId.of(id));
            for (int i = 0; i < 6; i++) {
                // 1990 to 2040, in any order, so that a kept period is both used and left.
                Instant now = Instant.ofEpochMilli(631_152_000_000L + (long) (random.nextDouble() * 1_577_836_800_000L));
                assertEquals(expected(fields.zone(), now), actual(fields, now), id + " at " + now);
            }
        }
    }

    @Test
    void winterOnTheWestCoastIsStandardTime() throws Exception {
        String fields = text(ZoneId.of("America/Los_Angeles"), Instant.parse("2026-01-15T12:00:00.250Z"));

        assertEquals("{\"name\":\"America/Los_Angeles\",\"offset\":-8,\"offset_with_dst\":-8,"
                + "\"current_time\":\"2026-01-15 04:00:00.250-0800\",\"current_time_unix\":1768478400.250,"
                + "\"is_dst\":false,\"dst_savings\":0,\"dst_exists\":true}", fields);
    }

    @Test
    void summerOnTheWestCoastIsDaylightSavingTime() throws Exception {
        String fields = text(ZoneId.of("America/Los_Angeles"), Instant.parse("2026-07-15T12:00:00Z"));

        assertEquals("{\"name\":\"America/Los_Angeles\",\"offset\":-8,\"offset_with_dst\":-7,"
                + "\"current_time\":\"2026-07-15 05:00:00.000-0700\",\"current_time_unix\":1784116800.000,"
                + "\"is_dst\":true,\"dst_savings\":1,\"dst_exists\":true}", fields);
    }

    @Test
    void halfHourOffsetsAreDecimalsAndAZoneWithoutDstSaysSo() throws Exception {
        String fields = text(ZoneId.of("Asia/Kolkata"), Instant.parse("2026-07-15T12:00:00Z"));

        assertEquals("{\"name\":\"Asia/Kolkata\",\"offset\":5.5,\"offset_with_dst\":5.5,"
                + "\"current_time\":\"2026-07-15 17:30:00.000+0530\",\"current_time_unix\":1784116800.000,"
                + "\"is_dst\":false,\"dst_savings\":0,\"dst_exists\":false}", fields);
    }
}
