package geo.api.address;

import geo.common.net.IpAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the address of the client behind load balancers and proxies: walking {@code X-Forwarded-For} from the right,
 * past every hop that is a trusted proxy, to the first address that is not. Entries written by an untrusted hop could be
 * forged, so they are never believed.
 */
public final class ClientAddressResolver {

    private final List<Cidr> trustedProxies;

    public ClientAddressResolver(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * @param peer          the address that opened the connection
     * @param forwardedFor  every {@code X-Forwarded-For} header value, in the order received
     */
    public IpAddress clientOf(InetAddress peer, List<String> forwardedFor) {
        IpAddress client = IpAddress.of(peer);
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            Optional<IpAddress> previous = IpAddress.parse(hops.get(i));
            if (previous.isEmpty()) {
                // A malformed entry ends what can be believed; the last trusted hop is the best answer left.
                break;
            }
            client = previous.get();
        }
        return client;
    }

    private boolean isTrusted(IpAddress address) {
        for (Cidr proxy : trustedProxies) {
            if (proxy.contains(address.address())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }
}
