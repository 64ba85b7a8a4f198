package geo.common.redis;

import geo.common.net.HostResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Opens Jedis's sockets with every step bounded by the Redis timeout, name resolution included. */
final class BoundedSocketFactory implements JedisSocketFactory {

    private final HostResolver resolver;
    private final int port;
    private final int timeoutMillis;

    BoundedSocketFactory(String host, int port, Duration timeout) {
        this.resolver = HostResolver.of(host, timeout);
        this.port = port;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    @Override
    public Socket createSocket() throws JedisConnectionException {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(resolver.addresses().getFirst(), port);
        } catch (UnknownHostException e) {
            throw new JedisConnectionException(e.getMessage(), e);
        }
        Socket socket = new Socket();
        try {
            socket.setReuseAddress(true);
            socket.setKeepAlive(true);
            socket.setTcpNoDelay(true);
            // Close at once, without TIME_WAIT: a cache connection that failed has nothing left to deliver.
            socket.setSoLinger(true, 0);
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return socket;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing more can be done with a socket that failed to open.
            }
            throw new JedisConnectionException("cannot connect to " + resolver.host() + ":" + port, e);
        }
    }
}
