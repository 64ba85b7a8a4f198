package geo.api.address;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver = new ClientAddressResolver(List.of(
            Cidr.parse("127.0.0.0/8").orElseThrow(), Cidr.parse("10.0.0.0/8").orElseThrow()));

    @Test
    void withoutForwardingThePeerIsTheClient() {
        assertEquals("10.0.0.5", clientOf("10.0.0.5"));
    }

    @Test
    void aTrustedProxyIsBelievedAboutTheClient() {
        assertEquals("8.8.8.8", clientOf("127.0.0.1", "8.8.8.8"));
    }

    @Test
    void trustedHopsAreWalkedPastFromTheRight() {
        assertEquals("1.1.1.1", clientOf("127.0.0.1", "9.9.9.9, 1.1.1.1, 10.0.0.7", "10.0.0.8"));
    }

    @Test
    void anUntrustedPeerCannotForgeItsAddress() {
        assertEquals("203.0.113.50", clientOf("203.0.113.50", "8.8.8.8"));
    }

    @Test
    void whatAnUntrustedHopClaimsIsNotBelieved() {
        assertEquals("1.1.1.1", clientOf("127.0.0.1", "8.8.8.8, 1.1.1.1"));
    }

    @Test
    void whenEveryHopIsTrustedTheFirstOneIsTheClient() {
        assertEquals("10.0.0.1", clientOf("127.0.0.1", "10.0.0.1, 10.0.0.2"));
    }

    @Test
    void aMalformedHopEndsTheWalkAtTheLastTrustedOne() {
        assertEquals("10.0.0.2", clientOf("127.0.0.1", "8.8.8.8, not-an-ip, 10.0.0.2"));
    }

    private String clientOf(String peer, String... forwardedFor) {
        try {
            return resolver.clientOf(InetAddress.getByName(peer), List.of(forwardedFor)).canonical();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
