package geo.api.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class FlatShapeTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void paidPlansNestedNetworkGivesAsnOrganizationAndTheCompanyAsIsp() throws Exception {
        ObjectNode nested = (ObjectNode) json.readTree("""
                {"ip":"1.1.1.1","network":{"asn":{"as_number":"AS13335","organization":"Cloudflare, Inc."},
                 "connection_type":"wired","company":{"name":"APNIC and Cloudflare DNS Resolver project"}}}""");

        ObjectNode flat = FlatShape.fromV2(nested);

        assertEquals("AS13335", flat.get("asn").asText());
        assertEquals("Cloudflare, Inc.", flat.get("organization").asText());
        assertEquals("APNIC and Cloudflare DNS Resolver project", flat.get("isp").asText());
        assertEquals("wired", flat.get("connection_type").asText());
    }

    @Test
    void unknownSectionsKeepTheirNameAndPlace() throws Exception {
        ObjectNode nested = (ObjectNode) json.readTree("{\"ip\":\"1.1.1.1\",\"security\":{\"is_tor\":false}}");

        ObjectNode flat = FlatShape.fromV2(nested);

        assertEquals(json.readTree("{\"ip\":\"1.1.1.1\",\"security\":{\"is_tor\":false}}"), flat);
    }
}
