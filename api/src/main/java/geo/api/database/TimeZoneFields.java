package geo.api.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/** ipgeolocation.io's {@code time_zone} object for a zone at an instant, computed with {@code java.time}. */
final class TimeZoneFields {

    private static final DateTimeFormatter CURRENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ");
    private static final Duration ONE_YEAR = Duration.ofDays(366);

    private TimeZoneFields() {
    }

    static ObjectNode of(ZoneId zone, Instant now) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition next = rules.nextTransition(now);
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("name", zone.getId());
        fields.set("offset", hours(rules.getStandardOffset(now).getTotalSeconds()));
        fields.set("offset_with_dst", hours(rules.getOffset(now).getTotalSeconds()));
        fields.put("current_time", ZonedDateTime.ofInstant(now, zone).format(CURRENT_TIME));
        fields.put("current_time_unix", BigDecimal.valueOf(now.toEpochMilli(), 3));
        fields.put("is_dst", rules.isDaylightSavings(now));
        fields.set("dst_savings", hours((int) rules.getDaylightSavings(now).toSeconds()));
        fields.put("dst_exists", next != null && next.getInstant().isBefore(now.plus(ONE_YEAR)));
        return fields;
    }

    /** Whole hours as an integer (-8), others as a decimal (5.5), as ipgeolocation.io writes offsets. */
    private static JsonNode hours(int seconds) {
        return seconds % 3600 == 0
                ? JsonNodeFactory.instance.numberNode(seconds / 3600)
                : JsonNodeFactory.instance.numberNode(BigDecimal.valueOf(seconds)
                        .divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP).stripTrailingZeros());
    }
}
