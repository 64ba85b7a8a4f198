package geo.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a bare socket, for requests that no HTTP client library would send: raw bytes in the request line,
 * odd methods, bare CR or LF. One request per connection.
 */
public final class RawHttp {

    /** What came back: the status (0 when the server hung up without answering), the content type, and the body. */
    public record Answer(int status, String contentType, String body) {

        public boolean hungUp() {
            return status == 0;
        }
    }

    private RawHttp() {
    }

    /** Sends {@code METHOD TARGET HTTP/1.1} with a Host header, as the bytes of the strings' ISO-8859-1 chars. */
    public static Answer send(int port, String method, String target) {
        return exchange(port, (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Answer exchange(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (SocketException serverHungUp) {
                // Whatever the server answered before it hung up is still there to read.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException reset) {
            return new byte[0];
        }
    }

    private static Answer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            return new Answer(0, "", text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int headersEnd = text.indexOf("\r\n\r\n");
        String head = headersEnd < 0 ? text : text.substring(0, headersEnd);
        String contentType = "";
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).strip();
            }
        }
        String body = headersEnd < 0 ? "" : new String(bytes, headersEnd + 4, bytes.length - headersEnd - 4,
                StandardCharsets.UTF_8);
        return new Answer(status, contentType, body);
    }
}
