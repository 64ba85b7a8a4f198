package geo.api.database;

import geo.common.net.IpAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The address ranges of one family with their AS number and organization, from an ip-location-db ASN CSV file
 * ({@code start,end,asn,organization}, sorted, not overlapping), held as primitive arrays searched by halves: an
 * IPv4 range costs 24 bytes, an IPv6 range 40, and each organization's name is kept once.
 */
final class AsnTable {

    private final boolean ipv6;
    /** Range starts and ends as unsigned numbers: one long each for IPv4, two (high, low) for IPv6. */
    private final long[] starts;
    private final long[] ends;
    private final int[] numbers;
    private final int[] organizationIndex;
    private final String[] organizations;

    private AsnTable(boolean ipv6, long[] starts, long[] ends, int[] numbers, int[] organizationIndex,
            String[] organizations) {
        this.ipv6 = ipv6;
        this.starts = starts;
        this.ends = ends;
        this.numbers = numbers;
        this.organizationIndex = organizationIndex;
        this.organizations = organizations;
    }

    /** Reads the file; a line that is not a range of this form fails with its number. */
    static AsnTable load(Path file) throws IOException {
        Builder builder = new Builder();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank() && !builder.add(line)) {
                    throw new IOException("line " + number + " is not start,end,asn,organization");
                }
            }
        }
        if (builder.count == 0) {
            throw new IOException("it holds no address ranges");
        }
        return builder.build();
    }

    boolean isIpv6() {
        return ipv6;
    }

    int size() {
        return numbers.length;
    }

    Optional<AutonomousSystem> find(InetAddress address) {
        byte[] bytes = address.getAddress();
        if ((bytes.length == 16) != ipv6) {
            return Optional.empty();
        }
        long high = ipv6 ? word(bytes, 0) : 0;
        long low = ipv6 ? word(bytes, 8) : Integer.toUnsignedLong(ipv4(bytes));
        int lowest = 0;
        int highest = numbers.length - 1;
        int found = -1;
        // The last range whose start is at or below the address.
        while (lowest <= highest) {
            int middle = (lowest + highest) >>> 1;
            if (compare(starts, middle, high, low) <= 0) {
                found = middle;
                lowest = middle + 1;
            } else {
                highest = middle - 1;
            }
        }
        if (found < 0 || compare(ends, found, high, low) < 0) {
            return Optional.empty();
        }
        return Optional.of(new AutonomousSystem(Integer.toUnsignedLong(numbers[found]),
                organizations[organizationIndex[found]]));
    }

    /** The key at {@code index} against the address: negative when below it. */
    private int compare(long[] keys, int index, long high, long low) {
        if (!ipv6) {
            return Long.compare(keys[index], low);
        }
        int byHigh = Long.compareUnsigned(keys[2 * index], high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(keys[2 * index + 1], low);
    }

    private static long word(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    private static int ipv4(byte[] bytes) {
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    /** Grows the arrays as lines come, and shares each organization's name. */
    private static final class Builder {
        private Boolean ipv6;
        private int count;
        private long[] starts = new long[1 << 16];
        private long[] ends = new long[1 << 16];
        private int[] numbers = new int[1 << 15];
        private int[] organizationIndex = new int[1 << 15];
        private final Map<String, Integer> organizations = new HashMap<>();

        boolean add(String line) {
            int first = line.indexOf(',');
            int second = first < 0 ? -1 : line.indexOf(',', first + 1);
            int third = second < 0 ? -1 : line.indexOf(',', second + 1);
            if (third < 0) {
                return false;
            }
            Optional<IpAddress> start = IpAddress.parse(line.substring(0, first));
            Optional<IpAddress> end = IpAddress.parse(line.substring(first + 1, second));
            long number;
            try {
                number = Long.parseLong(line, second + 1, third, 10);
            } catch (NumberFormatException notANumber) {
                return false;
            }
            if (start.isEmpty() || end.isEmpty() || number < 0 || number > 0xFFFF_FFFFL
                    || start.get().isIpv4() != end.get().isIpv4()) {
                return false;
            }
            boolean wide = !start.get().isIpv4();
            if (ipv6 == null) {
                ipv6 = wide;
            } else if (ipv6 != wide) {
                return false;
            }
            grow();
            put(starts, start.get().address().getAddress());
            put(ends, end.get().address().getAddress());
            numbers[count] = (int) number;
            organizationIndex[count] = organizations.computeIfAbsent(unquoted(line.substring(third + 1)),
                    name -> organizations.size());
            count++;
            return true;
        }

        AsnTable build() {
            String[] names = new String[organizations.size()];
            organizations.forEach((name, index) -> names[index] = name);
            int stride = ipv6 ? 2 : 1;
            return new AsnTable(ipv6, Arrays.copyOf(starts, count * stride), Arrays.copyOf(ends, count * stride),
                    Arrays.copyOf(numbers, count), Arrays.copyOf(organizationIndex, count), names);
        }

        private void put(long[] keys, byte[] bytes) {
            if (ipv6) {
                keys[2 * count] = word(bytes, 0);
                keys[2 * count + 1] = word(bytes, 8);
            } else {
                keys[count] = Integer.toUnsignedLong(ipv4(bytes));
            }
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

        /** CSV's quoting: "Cloudflare, Inc." and a doubled quote inside. */
        private static String unquoted(String field) {
            if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
                return field.substring(1, field.length() - 1).replace("\"\"", "\"");
            }
            return field;
        }
    }
}
