package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeZoneFieldsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void winterOnTheWestCoastIsStandardTime() throws Exception {
        String fields = json.writeValueAsString(TimeZoneFields.of(ZoneId.of("America/Los_Angeles"),
                Instant.parse("2026-01-15T12:00:00.250Z")));

        assertEquals("{\"name\":\"America/Los_Angeles\",\"offset\":-8,\"offset_with_dst\":-8,"
                + "\"current_time\":\"2026-01-15 04:00:00.250-0800\",\"current_time_unix\":1768478400.250,"
                + "\"is_dst\":false,\"dst_savings\":0,\"dst_exists\":true}", fields);
    }

    @Test
    void summerOnTheWestCoastIsDaylightSavingTime() throws Exception {
        String fields = json.writeValueAsString(TimeZoneFields.of(ZoneId.of("America/Los_Angeles"),
                Instant.parse("2026-07-15T12:00:00Z")));

        assertEquals("{\"name\":\"America/Los_Angeles\",\"offset\":-8,\"offset_with_dst\":-7,"
                + "\"current_time\":\"2026-07-15 05:00:00.000-0700\",\"current_time_unix\":1784116800.000,"
                + "\"is_dst\":true,\"dst_savings\":1,\"dst_exists\":true}", fields);
    }

    @Test
    void halfHourOffsetsAreDecimalsAndAZoneWithoutDstSaysSo() throws Exception {
        String fields = json.writeValueAsString(TimeZoneFields.of(ZoneId.of("Asia/Kolkata"),
                Instant.parse("2026-07-15T12:00:00Z")));

        assertEquals("{\"name\":\"Asia/Kolkata\",\"offset\":5.5,\"offset_with_dst\":5.5,"
                + "\"current_time\":\"2026-07-15 17:30:00.000+0530\",\"current_time_unix\":1784116800.000,"
                + "\"is_dst\":false,\"dst_savings\":0,\"dst_exists\":false}", fields);
    }
}
