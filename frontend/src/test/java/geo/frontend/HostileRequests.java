package geo.frontend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates malformed requests, reproducibly from a seed: random bytes, percent-encoding tricks, Unicode look-alike
 * digits, very long paths, odd methods, dot segments, CR and LF, zone ids and numeric forms of addresses. None of
 * them names a public address, so none may reach ipgeolocation.io. Text goes on the wire as ISO-8859-1, one byte per
 * char, so that any byte can be sent.
 */
final class HostileRequests {

    /** One request: its method and request target, as sent. */
    record Hostile(String method, String target) {

        @Override
        public String toString() {
            String shown = target.length() > 80
                    ? target.substring(0, 80) + "… (" + target.length() + " chars)"
                    : target;
            return method + " " + shown.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    private static final List<String> ODD_METHODS = List.of("POST", "PUT", "DELETE", "PATCH", "TRACE", "FOO", "get",
            "PROPFIND", "G3T", "X-GEO", "CONNECT");
    private static final List<String> NUMERIC_FORMS = List.of("134744072", "0x8.8.8.8", "010.8.8.8", "8.8.8",
            "8.8.8.8.8", "0x08080808", "8.8.8.08", "1e3", "::ffff:0x8.8.8.8", "8.8.8.256", "-1.8.8.8", "%2B8.8.8.8",
            "8.8.8.8.", ".8.8.8.8", "8..8.8", "0.0.0.0", "::", "::1", "1::2::3", "12345::", "2001:db8:::1",
            "2001:4860:4860::8888::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0177.0.0.1", "8.8.8.8/32",
            "1.1.1.1:80", "[2001:4860:4860::8888]", "localhost", "example.com", "8.8.8.8.nip.io");
    private static final List<String> ZONE_IDS = List.of("fe80::1%eth0", "fe80::1%25eth0", "fe80::1%251",
            "2001:4860:4860::8888%25eth0", "8.8.8.8%25lo", "fe80::1%");
    private static final List<String> PERCENT_TRICKS = List.of("%00", "%2e%2e", "%2e%2e%2fhealth", "%2F", "%25",
            "%C0%AE%C0%AE", "%ZZ", "%", "%8", "8.8.8.8%00", "8.8.8.8%2f..", "%u0038.8.8.8", "%EF%BC%98.8.8.8",
            "%2e", "..%2f..%2fmetrics", "%252e%252e", "8.8.8.8%0d%0aX-Injected:%20yes", "%ff%fe", "%E2%80%AE8.8.8.8",
            "%F0%9F%98%80");
    private static final List<String> LOOK_ALIKES = List.of("８.８.８.８", "٨.٨.٨.٨", "８.8.8.8", "𝟖.𝟖.𝟖.𝟖",
            "8。8。8。8", "8.8.8.8\u200b", "\u200b8.8.8.8", "2001:４860::8888", "Ⅷ.8.8.8");
    private static final List<String> DOT_SEGMENTS = List.of("..", ".", "../..", "../health", "./8.8.8.8/..",
            "ip/../metrics", "..;/health", "...", "//z/..", "ip//8.8.8.8");

    private final Random random;
    private final List<Supplier<String>> junk;

    HostileRequests(long seed) {
        this.random = new Random(seed);
        this.junk = List.of(this::randomBytes, () -> pick(PERCENT_TRICKS), () -> lookAlike(), () -> longText(),
                () -> pick(DOT_SEGMENTS), () -> crlf(), () -> pick(ZONE_IDS), () -> pick(NUMERIC_FORMS),
                () -> encodeSome(pick(NUMERIC_FORMS)));
    }

    /** {@code count} requests for geo-api: junk as the address of {@code /<ip>} and {@code /ip/<ip>}. */
    List<Hostile> forApi(int count) {
        List<Hostile> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String address = nextJunk();
            String target = random.nextBoolean() ? "/" + address : "/ip/" + address;
            requests.add(new Hostile(method(), target));
        }
        return requests;
    }

    /** {@code count} requests for geo-frontend: junk in {@code ?ip=}, in {@code /ip/<ip>}, or as the path. */
    List<Hostile> forFrontend(int count) {
        List<Hostile> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String address = nextJunk();
            String target = switch (random.nextInt(3)) {
                case 0 -> "/?ip=" + address;
                case 1 -> "/ip/" + address;
                // A path of its own: never empty and never a query, which would ask for the visitor's location.
                default -> "/x" + address;
            };
            requests.add(new Hostile(method(), target));
        }
        return requests;
    }

    private String nextJunk() {
        return pick(junk).get();
    }

    private String method() {
        return random.nextInt(5) == 0 ? pick(ODD_METHODS) : "GET";
    }

    /** Any bytes, with a 'z' among them so that they can never spell an address. */
    private String randomBytes() {
        int length = 1 + random.nextInt(30);
        StringBuilder text = new StringBuilder(length + 1);
        int z = random.nextInt(length + 1);
        for (int i = 0; i < length; i++) {
            if (i == z) {
                text.append('z');
            }
            text.append((char) random.nextInt(256));
        }
        if (z == length) {
            text.append('z');
        }
        return random.nextBoolean() ? text.toString() : encodeSome(text.toString());
    }

    /** A look-alike, sent as raw UTF-8 bytes or percent-encoded. */
    private String lookAlike() {
        String utf8AsBytes = new String(pick(LOOK_ALIKES).getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        return random.nextBoolean() ? utf8AsBytes : encodeSome(utf8AsBytes);
    }

    private String longText() {
        String unit = pick(List.of("9", "1.", "a", ":", "%41", "8.8.8.8/", "ff:"));
        return unit.repeat(1 + random.nextInt(8000 / unit.length()));
    }

    private String crlf() {
        return pick(List.of("8.8.8.8\r\nX-Injected: yes", "8.8.8.8\n", "8.8.8.8\r", "%0d%0a",
                "8.8.8.8%0aSet-Cookie:a", "\r\n\r\nGET /8.8.8.8"));
    }

    /** Percent-encodes about half of the characters (their low byte), whatever they are. */
    private String encodeSome(String text) {
        StringBuilder encoded = new StringBuilder(text.length() * 2);
        for (char c : text.toCharArray()) {
            if (random.nextBoolean()) {
                encoded.append('%').append(String.format("%02X", c & 0xff));
            } else {
                encoded.append(c);
            }
        }
        return encoded.toString();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
