package geo.api.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import geo.common.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * ipgeolocation.io's {@code time_zone} object for one zone, written as JSON. What the zone's rules give (its offsets,
 * whether daylight saving time is on, whether the zone has any within a year) changes only at its transitions, so it
 * is worked out with {@code java.time} once for the period until the next change (a day at most) and kept; each
 * answer writes only its clock, by hand, since formatting it with {@code java.time} was most of an answer's cost.
 */
final class TimeZoneFields {

    private static final Duration ONE_YEAR = Duration.ofDays(366);
    /** A period is worked out again after a day at the latest, whatever the rules say. */
    private static final Duration LONGEST_PERIOD = Duration.ofDays(1);
    private static final byte[] CURRENT_TIME = ",\"current_time\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNIX_TIME = "\",\"current_time_unix\":".getBytes(StandardCharsets.US_ASCII);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /**
     * The fields that hold from {@code from} (inclusive) to {@code until} (exclusive): the object's start up to the
     * opening quote of {@code current_time}, the offset written after the clock ({@code -0800}), and its end from
     * {@code is_dst}.
     */
    private record Period(Instant from, Instant until, int offsetSeconds, byte[] head, byte[] offset, byte[] tail) {

        boolean holdsAt(Instant now) {
            return !now.isBefore(from) && now.isBefore(until);
        }
    }

    private final ZoneId zone;
    private volatile Period period;

    private TimeZoneFields(ZoneId zone) {
        this.zone = zone;
    }

    static TimeZoneFields of(ZoneId zone) {
        return new TimeZoneFields(zone);
    }

    ZoneId zone() {
        return zone;
    }

    /** The object at {@code now}. */
    byte[] at(Instant now) {
        AnswerBytes json = new AnswerBytes(200);
        writeTo(json, now);
        return json.toByteArray();
    }

    /** Writes the object at {@code now}. */
    void writeTo(AnswerBytes json, Instant now) {
        Period current = period;
        if (current == null || !current.holdsAt(now)) {
            current = periodAt(now);
            period = current;
        }
        long millis = now.toEpochMilli();
        json.write(current.head());
        writeClock(json, millis + current.offsetSeconds() * 1000L);
        json.write(current.offset());
        json.write(UNIX_TIME);
        json.writeDigits(Math.floorDiv(millis, 1000), 1);
        json.write('.');
        json.writeDigits(Math.floorMod(millis, 1000), 3);
        json.write(current.tail());
    }

    /** The rules' fields at {@code now}, and how long they hold. */
    private Period periodAt(Instant now) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition next = rules.nextTransition(now);
        ZoneOffsetTransition previous = rules.previousTransition(now);
        boolean dstExists = next != null && next.getInstant().isBefore(now.plus(ONE_YEAR));
        Instant from = now.minus(LONGEST_PERIOD);
        Instant until = now.plus(LONGEST_PERIOD);
        if (previous != null && previous.getInstant().isAfter(from)) {
            from = previous.getInstant();
        }
        if (next != null) {
            if (next.getInstant().isBefore(until)) {
                until = next.getInstant();
            }
            // dst_exists turns true once the next transition is less than a year away.
            Instant yearBefore = next.getInstant().minus(ONE_YEAR);
            if (dstExists && !yearBefore.isBefore(from)) {
                from = yearBefore.plusNanos(1);
            } else if (!dstExists && yearBefore.isBefore(until)) {
                until = yearBefore.plusNanos(1);
            }
        }
        int offsetSeconds = rules.getOffset(now).getTotalSeconds();

        ObjectNode head = JsonNodeFactory.instance.objectNode();
        head.put("name", zone.getId());
        head.set("offset", hours(rules.getStandardOffset(now).getTotalSeconds()));
        head.set("offset_with_dst", hours(offsetSeconds));
        byte[] headJson = Json.write(head);
        byte[] headBytes = Arrays.copyOf(headJson, headJson.length - 1 + CURRENT_TIME.length);
        System.arraycopy(CURRENT_TIME, 0, headBytes, headJson.length - 1, CURRENT_TIME.length);

        ObjectNode tail = JsonNodeFactory.instance.objectNode();
        tail.put("is_dst", rules.isDaylightSavings(now));
        tail.set("dst_savings", hours((int) rules.getDaylightSavings(now).toSeconds()));
        tail.put("dst_exists", dstExists);
        byte[] tailBytes = Json.write(tail);
        tailBytes[0] = ',';
        return new Period(from, until, offsetSeconds, headBytes, offsetText(offsetSeconds), tailBytes);
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS} of a local time in milliseconds since the epoch. */
    private static void writeClock(AnswerBytes json, long localMillis) {
        long day = Math.floorDiv(localMillis, MILLIS_PER_DAY);
        int inDay = (int) Math.floorMod(localMillis, MILLIS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        json.writeDigits(date.getYear(), 4);
        json.write('-');
        json.writeDigits(date.getMonthValue(), 2);
        json.write('-');
        json.writeDigits(date.getDayOfMonth(), 2);
        json.write(' ');
        json.writeDigits(inDay / 3_600_000, 2);
        json.write(':');
        json.writeDigits(inDay / 60_000 % 60, 2);
        json.write(':');
        json.writeDigits(inDay / 1000 % 60, 2);
        json.write('.');
        json.writeDigits(inDay % 1000, 3);
    }

    /** The offset as {@code DateTimeFormatter}'s "Z" writes it: {@code +0530}, {@code -0800}, {@code +0000}. */
    private static byte[] offsetText(int offsetSeconds) {
        int minutes = Math.abs(offsetSeconds) / 60;
        String text = String.format("%s%02d%02d", offsetSeconds < 0 ? "-" : "+", minutes / 60, minutes % 60);
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whole hours as an integer (-8), others as a decimal (5.5), as ipgeolocation.io writes offsets. */
    private static JsonNode hours(int seconds) {
        return seconds % 3600 == 0
                ? JsonNodeFactory.instance.numberNode(seconds / 3600)
                : JsonNodeFactory.instance.numberNode(BigDecimal.valueOf(seconds)
                        .divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP).stripTrailingZeros());
    }
}
