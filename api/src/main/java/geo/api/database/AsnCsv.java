package geo.api.database;

import geo.common.net.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads ip-location-db's ASN CSV files ({@code start,end,asn,organization}, one family per file, sorted, not
 * overlapping) into an {@link AsnTable}'s layout. Lines are read as bytes and addresses parsed in place: a file has
 * 400,000 of them, and reading it is on the way to the first answer whenever no {@link AsnSnapshot} is kept.
 */
final class AsnCsv {

    private AsnCsv() {
    }

    /** The file's ranges in {@link AsnTable.Layout}; a line that is not a range of this form fails with its number. */
    static ByteBuffer read(Path file) throws IOException {
        Builder builder = new Builder();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int filled = 0;
            int number = 0;
            int read;
            while ((read = in.read(buffer, filled, buffer.length - filled)) >= 0 || filled > 0) {
                filled += Math.max(read, 0);
                int lineStart = 0;
                for (int i = 0; i < filled; i++) {
                    boolean last = read < 0 && i == filled - 1 && buffer[i] != '\n';
                    if (buffer[i] == '\n' || last) {
                        number++;
                        int lineEnd = last ? filled : i;
                        if (lineEnd > lineStart && buffer[lineEnd - 1] == '\r') {
                            lineEnd--;
                        }
                        if (lineEnd > lineStart && !builder.add(buffer, lineStart, lineEnd)) {
                            throw new IOException("line " + number + " is not start,end,asn,organization");
                        }
                        lineStart = i + 1;
                    }
                }
                if (lineStart == 0 && filled == buffer.length) {
                    throw new IOException("line " + (number + 1) + " is longer than " + buffer.length + " bytes");
                }
                System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                filled -= lineStart;
                if (read < 0) {
                    break;
                }
            }
        }
        if (builder.count == 0) {
            throw new IOException("it holds no address ranges");
        }
        return builder.build();
    }

    /** Grows the arrays as lines come, and keeps each organization's name once. */
    private static final class Builder {
        private Boolean ipv6;
        private int count;
        private long[] starts = new long[1 << 16];
        private long[] ends = new long[1 << 16];
        private int[] numbers = new int[1 << 15];
        private int[] organizationIndex = new int[1 << 15];
        private final Map<String, Integer> organizations = new HashMap<>();
        private final List<byte[]> organizationNames = new ArrayList<>();
        private byte[] lastOrganization;
        private int lastIndex;

        /** One line, {@code start,end,asn,organization}, from {@code from} to {@code to} of {@code bytes}. */
        boolean add(byte[] bytes, int from, int to) {
            int first = indexOf(bytes, (byte) ',', from, to);
            int second = first < 0 ? -1 : indexOf(bytes, (byte) ',', first + 1, to);
            int third = second < 0 ? -1 : indexOf(bytes, (byte) ',', second + 1, to);
            if (third < 0) {
                return false;
            }
            boolean wide = indexOf(bytes, (byte) ':', from, first) >= 0;
            if (ipv6 == null) {
                ipv6 = wide;
            } else if (ipv6 != wide) {
                return false;
            }
            grow();
            long number = digits(bytes, second + 1, third);
            if (number < 0 || number > 0xFFFF_FFFFL || !put(starts, bytes, from, first)
                    || !put(ends, bytes, first + 1, second)) {
                return false;
            }
            numbers[count] = (int) number;
            organizationIndex[count] = organization(bytes, third + 1, to);
            count++;
            return true;
        }

        /** The ranges in {@link AsnTable.Layout}, in a heap buffer. */
        ByteBuffer build() {
            boolean wide = ipv6;
            int organizationBytes = organizationNames.stream().mapToInt(name -> name.length).sum();
            long size = AsnTable.Layout.size(wide, count, organizationNames.size(), organizationBytes);
            if (size > Integer.MAX_VALUE) {
                throw new IllegalStateException("the table would take " + size + " bytes");
            }
            ByteBuffer table = ByteBuffer.allocate((int) size);
            table.putLong(AsnTable.Layout.MAGIC).putLong(0).putInt(wide ? 6 : 4).putInt(count)
                    .putInt(organizationNames.size()).putInt(organizationBytes);
            for (long[] keys : List.of(starts, ends)) {
                for (int i = 0; i < count; i++) {
                    if (wide) {
                        table.putLong(keys[2 * i]).putLong(keys[2 * i + 1]);
                    } else {
                        table.putInt((int) keys[i]);
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                table.putInt(numbers[i]);
            }
            for (int i = 0; i < count; i++) {
                table.putInt(organizationIndex[i]);
            }
            int offset = 0;
            for (byte[] name : organizationNames) {
                table.putInt(offset);
                offset += name.length;
            }
            table.putInt(offset);
            organizationNames.forEach(table::put);
            table.putLong(8, AsnTable.Layout.checksum(table));
            return table.clear();
        }

        /** Puts an address's key at {@code count}: dotted IPv4 read in place, IPv6 through the full parser. */
        private boolean put(long[] keys, byte[] bytes, int from, int to) {
            if (!ipv6) {
                long address = ipv4(bytes, from, to);
                keys[count] = address;
                return address >= 0;
            }
            long[] groups = ipv6Groups(bytes, from, to);
            if (groups == null) {
                // Forms the fast path does not read (an IPv4 tail): the full parser, or nothing.
                Optional<IpAddress> parsed = IpAddress.parse(new String(bytes, from, to - from,
                        StandardCharsets.US_ASCII));
                if (parsed.isEmpty() || parsed.get().isIpv4()) {
                    return false;
                }
                byte[] address = parsed.get().address().getAddress();
                keys[2 * count] = AsnTable.word(address, 0);
                keys[2 * count + 1] = AsnTable.word(address, 8);
                return true;
            }
            keys[2 * count] = groups[0];
            keys[2 * count + 1] = groups[1];
            return true;
        }

        /** Hexadecimal groups with at most one "::", as (high, low); null for any other text. */
        private static long[] ipv6Groups(byte[] bytes, int from, int to) {
            int[] head = new int[8];
            int[] tail = new int[8];
            int heads = 0;
            int tails = 0;
            boolean compressed = false;
            int at = from;
            if (to - from >= 2 && bytes[from] == ':' && bytes[from + 1] == ':') {
                compressed = true;
                at += 2;
            }
            while (at < to) {
                int group = 0;
                int digits = 0;
                while (at < to && bytes[at] != ':') {
                    int digit = Character.digit(bytes[at], 16);
                    if (digit < 0 || ++digits > 4) {
                        return null;
                    }
                    group = group << 4 | digit;
                    at++;
                }
                if (digits == 0 || heads + tails == 8) {
                    return null;
                }
                if (compressed) {
                    tail[tails++] = group;
                } else {
                    head[heads++] = group;
                }
                if (at < to) {
                    at++;
                    if (at < to && bytes[at] == ':') {
                        if (compressed) {
                            return null;
                        }
                        compressed = true;
                        at++;
                    } else if (at == to) {
                        return null;
                    }
                }
            }
            if (compressed ? heads + tails > 7 : heads != 8) {
                return null;
            }
            int[] all = new int[8];
            System.arraycopy(head, 0, all, 0, heads);
            System.arraycopy(tail, 0, all, 8 - tails, tails);
            long high = 0;
            long low = 0;
            for (int i = 0; i < 4; i++) {
                high = high << 16 | all[i];
                low = low << 16 | all[i + 4];
            }
            return new long[] {high, low};
        }

        /** Four decimal numbers up to 255 with dots between, as an unsigned number; -1 for anything else. */
        private static long ipv4(byte[] bytes, int from, int to) {
            long address = 0;
            int parts = 0;
            int at = from;
            while (at <= to) {
                int end = at;
                while (end < to && bytes[end] != '.') {
                    end++;
                }
                long part = end - at > 3 ? -1 : digits(bytes, at, end);
                if (part < 0 || part > 255 || ++parts > 4) {
                    return -1;
                }
                address = (address << 8) | part;
                at = end + 1;
            }
            return parts == 4 ? address : -1;
        }

        /** Decimal digits only; -1 for none, another character or more than 10 of them. */
        private static long digits(byte[] bytes, int from, int to) {
            if (to <= from || to - from > 10) {
                return -1;
            }
            long value = 0;
            for (int i = from; i < to; i++) {
                if (bytes[i] < '0' || bytes[i] > '9') {
                    return -1;
                }
                value = value * 10 + (bytes[i] - '0');
            }
            return value;
        }

        /**
         * The organization's index, its name kept once. Neighbouring ranges mostly belong to one organization, so
         * the last one's bytes are compared first and most lines make no string at all.
         */
        private int organization(byte[] bytes, int from, int to) {
            if (to - from >= 2 && bytes[from] == '"' && bytes[to - 1] == '"') {
                from++;
                to--;
            }
            if (lastOrganization != null && Arrays.equals(lastOrganization, 0, lastOrganization.length, bytes, from,
                    to)) {
                return lastIndex;
            }
            lastOrganization = Arrays.copyOfRange(bytes, from, to);
            // CSV's quoting: a doubled quote inside a quoted field is one quote.
            String name = new String(lastOrganization, StandardCharsets.UTF_8).replace("\"\"", "\"");
            lastIndex = organizations.computeIfAbsent(name, any -> {
                organizationNames.add(name.getBytes(StandardCharsets.UTF_8));
                return organizationNames.size() - 1;
            });
            return lastIndex;
        }

        private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == wanted) {
                    return i;
                }
            }
            return -1;
        }

        private void grow() {
            if (2 * count + 2 > starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                ends = Arrays.copyOf(ends, ends.length * 2);
            }
            if (count == numbers.length) {
                numbers = Arrays.copyOf(numbers, numbers.length * 2);
                organizationIndex = Arrays.copyOf(organizationIndex, organizationIndex.length * 2);
            }
        }
    }
}
