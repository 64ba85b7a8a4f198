package geo.api.database;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Writes a small IPv4 ASN database in MaxMind DB format 2.0 (24-bit records unless asked otherwise), with the record
 * layout and type of MaxMind's GeoLite2-ASN, for tests: no such file can be fetched here, and MaxMind's reader must
 * read it as it reads theirs.
 */
final class AsnMmdbWriter {

    /** One network and what it belongs to. */
    record Network(String cidr, long asn, String organization) {
    }

    /** A node of the search tree; each side is a node, a record's offset in the data section, or nothing. */
    private static final class Node {
        private final Object[] children = new Object[2];
    }

    private AsnMmdbWriter() {
    }

    static byte[] write(List<Network> networks, Instant built) {
        return write(networks, built, 24);
    }

    /** The same with the search tree's records of {@code recordSize} bits: 24, 28 or 32. */
    static byte[] write(List<Network> networks, Instant built, int recordSize) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Node root = new Node();
        for (Network network : networks) {
            int offset = data.size();
            byte[] record = map(List.of(
                    "autonomous_system_number", uint(6, network.asn()),
                    "autonomous_system_organization", string(network.organization())));
            data.writeBytes(record);
            insert(root, network.cidr(), offset);
        }
        List<Node> nodes = breadthFirst(root);
        Map<Node, Integer> ids = new IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            ids.put(nodes.get(i), i);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (Node node : nodes) {
            long left = pointer(node.children[0], nodes.size(), ids);
            long right = pointer(node.children[1], nodes.size(), ids);
            switch (recordSize) {
                case 24 -> {
                    writeBytes(file, left, 3);
                    writeBytes(file, right, 3);
                }
                case 28 -> {
                    writeBytes(file, left, 3);
                    file.write((int) (left >>> 24 << 4 | right >>> 24));
                    writeBytes(file, right, 3);
                }
                case 32 -> {
                    writeBytes(file, left, 4);
                    writeBytes(file, right, 4);
                }
                default -> throw new IllegalArgumentException("record size " + recordSize);
            }
        }
        file.writeBytes(new byte[16]);
        file.writeBytes(data.toByteArray());
        file.writeBytes(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        file.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(map(List.of(
                "binary_format_major_version", uint(5, 2),
                "binary_format_minor_version", uint(5, 0),
                "build_epoch", uint64(built.getEpochSecond()),
                "database_type", string("GeoLite2-ASN"),
                "description", map(List.of("en", string("GeoLite2 ASN database (test)"))),
                "ip_version", uint(5, 4),
                "languages", array(List.of()),
                "node_count", uint(6, nodes.size()),
                "record_size", uint(5, recordSize))));
        return file.toByteArray();
    }

    /** What a side of a node points to: another node, nothing (the node count), or a record after the separator. */
    private static long pointer(Object child, int nodeCount, Map<Node, Integer> ids) {
        return switch (child) {
            case null -> nodeCount;
            case Node inner -> ids.get(inner);
            case Integer offset -> nodeCount + 16L + offset;
            default -> throw new IllegalStateException();
        };
    }

    private static void writeBytes(ByteArrayOutputStream out, long value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    private static void insert(Node root, String cidr, int offset) {
        String[] parts = cidr.split("/");
        String[] octets = parts[0].split("\\.");
        long address = 0;
        for (String octet : octets) {
            address = address << 8 | Integer.parseInt(octet);
        }
        int length = Integer.parseInt(parts[1]);
        Node node = root;
        for (int bit = 0; bit < length; bit++) {
            int side = (int) (address >>> (31 - bit)) & 1;
            if (bit == length - 1) {
                node.children[side] = offset;
            } else {
                if (!(node.children[side] instanceof Node)) {
                    node.children[side] = new Node();
                }
                node = (Node) node.children[side];
            }
        }
    }

    private static List<Node> breadthFirst(Node root) {
        List<Node> nodes = new ArrayList<>();
        Queue<Node> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Node node = queue.remove();
            nodes.add(node);
            for (Object child : node.children) {
                if (child instanceof Node inner) {
                    queue.add(inner);
                }
            }
        }
        return nodes;
    }

    /** A map of keys (strings) and encoded values, alternating. */
    private static byte[] map(List<Object> keysAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(control(7, keysAndValues.size() / 2));
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            out.writeBytes(string((String) keysAndValues.get(i)));
            out.writeBytes((byte[]) keysAndValues.get(i + 1));
        }
        return out.toByteArray();
    }

    private static byte[] array(List<byte[]> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(control(11, items.size()));
        items.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(control(2, bytes.length));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    /** An unsigned integer of type 5 (uint16) or 6 (uint32), in as few bytes as it needs. */
    private static byte[] uint(int type, long value) {
        int size = value == 0 ? 0 : (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(control(type, size));
        for (int i = size - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
        return out.toByteArray();
    }

    /** A uint64 of four bytes, as the build time is in MaxMind's files. */
    private static byte[] uint64(long value) {
        return new byte[] {4, 2, (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The control byte(s) of a value: its type (extended past 7) and its size (under 29 here). */
    private static byte[] control(int type, int size) {
        if (size >= 29) {
            return type <= 7 ? new byte[] {(byte) (type << 5 | 29), (byte) (size - 29)}
                    : new byte[] {(byte) 29, (byte) (type - 7), (byte) (size - 29)};
        }
        return type <= 7 ? new byte[] {(byte) (type << 5 | size)} : new byte[] {(byte) size, (byte) (type - 7)};
    }
}
