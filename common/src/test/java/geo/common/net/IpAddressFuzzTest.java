package geo.common.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the address parser with Jazzer. In a normal test run it runs once, plus any input that
 * fuzzing found failing (Jazzer saves those under {@code src/test/resources/geo/common/net/IpAddressFuzzTestInputs/}
 * for them to be kept as regression tests); {@code scripts/fuzz.sh} fuzzes it for real, for 60 s, and CI runs that.
 */
class IpAddressFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyTextEitherParsesToAStableCanonicalAddressOrIsRefused(String text) {
        Optional<IpAddress> parsed = IpAddress.parse(text);
        if (parsed.isEmpty()) {
            return;
        }
        IpAddress address = parsed.get();
        // Only address literals: nothing that could be a host name to resolve.
        assertTrue(text.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128 || c == '.' || c == ':'),
                "parsed a text with other characters: " + text);
        IpAddress again = IpAddress.parse(address.canonical()).orElseThrow();
        assertEquals(address.canonical(), again.canonical());
        assertArrayEquals(address.address().getAddress(), again.address().getAddress());
        assertEquals(address.isIpv4() ? 4 : 16, address.address().getAddress().length);
    }
}
