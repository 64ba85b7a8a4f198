package geo.api.database;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The database file inside a download, found by its content rather than its URL: an {@code .mmdb} as it is, a
 * gzip-compressed one ({@code .mmdb.gz}), or the first {@code .mmdb} entry of a tar archive, compressed or not
 * ({@code .tar.gz}, as MaxMind ships its databases).
 */
final class Unpack {

    private static final int TAR_BLOCK = 512;

    private Unpack() {
    }

    /** Writes the database in {@code download} to {@code into}; throws, with the reason, past {@code maxBytes}. */
    static void mmdb(Path download, Path into, long maxBytes) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(download));
                InputStream content = gzipped(raw) ? new BufferedInputStream(new GZIPInputStream(raw)) : raw;
                OutputStream out = Files.newOutputStream(into)) {
            if (isTar(content)) {
                copy(tarEntryEndingIn(content, ".mmdb"), out, maxBytes);
            } else {
                copy(content, out, maxBytes);
            }
        }
    }

    private static boolean gzipped(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** A POSIX tar header says "ustar" at offset 257. */
    private static boolean isTar(InputStream in) throws IOException {
        in.mark(TAR_BLOCK);
        byte[] header = in.readNBytes(TAR_BLOCK);
        in.reset();
        return header.length == TAR_BLOCK && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    /** The stream of the first regular file whose name ends in {@code suffix}, positioned at its start. */
    private static InputStream tarEntryEndingIn(InputStream in, String suffix) throws IOException {
        while (true) {
            byte[] header = in.readNBytes(TAR_BLOCK);
            if (header.length < TAR_BLOCK) {
                throw new EOFException("the archive ends before it holds a " + suffix + " file");
            }
            if (header[0] == 0) {
                throw new IOException("the archive holds no " + suffix + " file");
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            long size = octal(header, 124, 12);
            byte type = header[156];
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            if ((type == '0' || type == 0) && path.endsWith(suffix)) {
                return new BoundedStream(in, size);
            }
            long padded = (size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
            in.skipNBytes(padded);
        }
    }

    private static String field(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) {
            end++;
        }
        return new String(header, from, end - from, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int from, int length) throws IOException {
        String digits = field(header, from, length).strip();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("the archive has an entry whose size is not a number");
        }
    }

    private static void copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > maxBytes) {
                throw new IOException("the unpacked database is larger than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, read);
        }
    }

    /** One tar entry's bytes, which must all be there. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read < 0) {
                throw new EOFException("the archive is truncated");
            }
            left -= read;
            return read;
        }
    }
}
