package io.gatehouse.terraform.internal.cty;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CtyCodecTest {
    private static final CtyType.ObjectType TYPE = (CtyType.ObjectType) CtyType.objectOf(new LinkedHashMap<>(Map.of(
            "name", CtyType.STRING,
            "count", CtyType.NUMBER,
            "on", CtyType.BOOL,
            "tags", CtyType.listOf(CtyType.STRING),
            "labels", CtyType.mapOf(CtyType.STRING))));

    @Test
    void roundTripsEveryKindOfValueIncludingUnknownsAndNulls() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "files");
        value.put("count", new BigDecimal("12"));
        value.put("on", true);
        value.put("tags", List.of("a", "b"));
        value.put("labels", Unknown.VALUE);

        Object back = CtyCodec.decodeMsgpack(CtyCodec.encodeMsgpack(value, TYPE), TYPE);

        assertThat(Values.equal(back, value)).isTrue();
        Map<String, Object> withNull = new LinkedHashMap<>(value);
        withNull.put("tags", null);
        assertThat(Values.equal(CtyCodec.decodeMsgpack(CtyCodec.encodeMsgpack(withNull, TYPE), TYPE), withNull))
                .isTrue();
    }

    @Test
    void unknownIsCtysExtensionZeroAndRefinedUnknownsDecodeAsUnknown() {
        assertThat(CtyCodec.encodeMsgpack(Unknown.VALUE, CtyType.STRING))
                .containsExactly((byte) 0xd4, (byte) 0x00, (byte) 0x00);
        // ext type 12 (refined unknown, e.g. "not null") with a one-entry map payload
        byte[] refined = {(byte) 0xc7, 0x03, 0x0c, (byte) 0x81, 0x01, (byte) 0xc3};
        assertThat(CtyCodec.decodeMsgpack(refined, CtyType.STRING)).isEqualTo(Unknown.VALUE);
    }

    @Test
    void objectsAlwaysCarryEveryAttributeAndNumbersMayArriveAsStringsOrFloats() {
        byte[] encoded = CtyCodec.encodeMsgpack(Map.of("name", "x"), TYPE);
        @SuppressWarnings("unchecked")
        Map<String, Object> decoded = (Map<String, Object>) CtyCodec.decodeMsgpack(encoded, TYPE);
        assertThat(decoded).containsOnlyKeys("name", "count", "on", "tags", "labels");

        assertThat(CtyCodec.decodeMsgpack(
                        CtyCodec.encodeMsgpack(new BigDecimal("1.5"), CtyType.NUMBER), CtyType.NUMBER))
                .isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void decodesTheJsonStateTerraformStores() {
        byte[] json = "{\"name\":\"files\",\"count\":3,\"on\":false,\"tags\":[\"x\"],\"extra\":1}"
                .getBytes(StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) CtyCodec.decodeJson(json, TYPE);

        assertThat(state)
                .containsEntry("name", "files")
                .containsEntry("on", false)
                .containsEntry("labels", null);
        assertThat(Values.equal(state.get("count"), BigDecimal.valueOf(3))).isTrue();
        assertThat(state.get("tags")).isEqualTo(List.of("x"));
    }

    @Test
    void schemaTypesUseCtysJsonSpelling() {
        assertThat(CtyType.listOf(CtyType.STRING).json()).isEqualTo("[\"list\",\"string\"]");
        assertThat(CtyType.mapOf(CtyType.NUMBER).json()).isEqualTo("[\"map\",\"number\"]");
        assertThat(CtyType.objectOf(Map.of("a", CtyType.BOOL)).json()).isEqualTo("[\"object\",{\"a\":\"bool\"}]");
    }
}
