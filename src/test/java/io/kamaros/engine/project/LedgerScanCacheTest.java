package io.kamaros.engine.project;

import io.kamaros.engine.format.Json;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's scan cache is written as a short array that leaves out what repeats the entry. */
class LedgerScanCacheTest {
    private static final String H1 = "a".repeat(64);
    private static final String H2 = "b".repeat(64);

    private static ManifestDoc.FileEntry entry() {
        ManifestDoc.FileEntry e = new ManifestDoc.FileEntry();
        e.inodeId = "id";
        e.type = "text";
        e.currentHash = H1;
        e.size = 10L;
        e.scanMtimeNanos = 1_700_000_000_123_456_789L;
        e.scanAtNanos = 1_700_000_005_000_000_000L;
        e.scanSize = 10L;
        e.scanHash = H1;
        e.scanType = "text";
        return e;
    }

    private static ManifestDoc.FileEntry roundTrip(ManifestDoc.FileEntry e) throws Exception {
        ManifestDoc.FileEntry back = Json.mapper().readValue(Json.mapper().writeValueAsBytes(e), ManifestDoc.FileEntry.class);
        back.completeScan();
        return back;
    }

    @Test
    void anUnchangedFileWritesOnlyItsTimes() throws Exception {
        ManifestDoc.FileEntry e = entry();
        JsonNode json = Json.mapper().valueToTree(e);
        assertThat(json.get("scan").toString()).isEqualTo("[1700000000123456789,1700000005000000000]");
        assertThat(json.has("scanHash")).isFalse();
        assertThat(json.has("scanSize")).isFalse();

        ManifestDoc.FileEntry back = roundTrip(e);
        assertThat(back.scanHash).isEqualTo(H1);
        assertThat(back.scanSize).isEqualTo(10L);
        assertThat(back.scanType).isEqualTo("text");
        assertThat(back.scanMtimeNanos).isEqualTo(e.scanMtimeNanos);
        assertThat(back.scanAtNanos).isEqualTo(e.scanAtNanos);
    }

    @Test
    void whatDiffersFromTheEntryIsWritten() throws Exception {
        ManifestDoc.FileEntry e = entry();
        e.scanHash = H2;
        e.scanSize = 12L;
        e.scanType = "binary";
        ManifestDoc.FileEntry back = roundTrip(e);
        assertThat(back.scanHash).isEqualTo(H2);
        assertThat(back.scanSize).isEqualTo(12L);
        assertThat(back.scanType).isEqualTo("binary");

        e = entry();
        e.currentHash = null; // never committed: the hash must be written
        back = roundTrip(e);
        assertThat(back.scanHash).isEqualTo(H1);
        assertThat(back.currentHash).isNull();
    }

    @Test
    void anInvalidatedCacheStaysInvalid() throws Exception {
        ManifestDoc.FileEntry e = entry();
        e.scanHash = null; // content changed through the API: hash again
        ManifestDoc.FileEntry back = roundTrip(e);
        assertThat(Json.mapper().valueToTree(e).has("scan")).isFalse();
        assertThat(back.scanHash).isNull();
        assertThat(back.scanMtimeNanos).isNull();
    }

    @Test
    void theLongFieldsOfEarlierVersionsAreRead() throws Exception {
        String old = "{\"inodeId\":\"id\",\"type\":\"text\",\"currentHash\":\"" + H1 + "\",\"size\":10,\"scanSize\":10,"
                + "\"scanMtimeNanos\":5,\"scanHash\":\"" + H2 + "\",\"scanType\":\"text\",\"scanAtNanos\":9}";
        ManifestDoc.FileEntry e = Json.mapper().readValue(old, ManifestDoc.FileEntry.class);
        e.completeScan();
        assertThat(e.scanHash).isEqualTo(H2);
        assertThat(e.scanMtimeNanos).isEqualTo(5L);
        assertThat(e.scanAtNanos).isEqualTo(9L);
        // An old entry whose hash was cleared kept its time: it must not borrow currentHash.
        String cleared = "{\"inodeId\":\"id\",\"type\":\"text\",\"currentHash\":\"" + H1 + "\",\"size\":10,\"scanSize\":10,"
                + "\"scanMtimeNanos\":5,\"scanType\":\"text\",\"scanAtNanos\":9}";
        e = Json.mapper().readValue(cleared, ManifestDoc.FileEntry.class);
        e.completeScan();
        assertThat(e.scanHash).isNull();
    }

    @Test
    void aMalformedArrayIsDroppedNotTrusted() throws Exception {
        for (String scan : new String[] {"[]", "[1]", "[\"x\",2]", "[1,2,\"big\"]", "[1,2,3,4]", "{\"a\":1}"}) {
            String json = "{\"inodeId\":\"id\",\"type\":\"text\",\"currentHash\":\"" + H1 + "\",\"size\":10,\"scan\":"
                    + scan + "}";
            ManifestDoc.FileEntry e;
            try {
                e = Json.mapper().readValue(json, ManifestDoc.FileEntry.class);
            } catch (JacksonException refused) {
                continue; // the manifest is refused as invalid: also never trusted
            }
            e.completeScan();
            assertThat(e.scanHash).as(scan).isNull();
        }
    }
}
