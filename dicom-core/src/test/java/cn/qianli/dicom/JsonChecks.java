package cn.qianli.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses DICOM JSON back and checks its shape: tag keys of 8 upper-case hex digits in ascending
 * order, a "vr" in every attribute, numbers for the numeric VRs, nested data sets in SQ.
 */
public final class JsonChecks {

    private static final Set<String> NUMERIC = Set.of("IS", "DS", "US", "SS", "UL", "SL", "FL", "FD", "SV", "UV");
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonChecks() {
    }

    /** Checks one data set object; returns the number of attributes seen at all levels. */
    public static int checkDataSet(byte[] json) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            int count = dataSet(p);
            assertThat(p.nextToken()).isNull();
            return count;
        }
    }

    /** Checks an array of data set objects; returns how many there were. */
    public static int checkArray(byte[] json) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            int n = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                dataSet(p);
                n++;
            }
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
            return n;
        }
    }

    private static int dataSet(JsonParser p) {
        int count = 0;
        String previous = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            assertThat(key).matches("[0-9A-F]{8}");
            if (previous != null) {
                assertThat(Integer.compareUnsigned((int) Long.parseLong(key, 16),
                        (int) Long.parseLong(previous, 16))).as("%s after %s", key, previous).isPositive();
            }
            previous = key;
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            count += 1 + attribute(p, key);
        }
        assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        return count;
    }

    private static int attribute(JsonParser p, String key) {
        String vr = null;
        int nested = 0;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "vr" -> vr = p.getString();
                case "Value" -> {
                    assertThat(vr).as("vr before Value in %s", key).isNotNull();
                    assertThat(t).isEqualTo(JsonToken.START_ARRAY);
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (vr.equals("SQ")) {
                            assertThat(t).isEqualTo(JsonToken.START_OBJECT);
                            nested += dataSet(p);
                        } else if (vr.equals("PN")) {
                            if (t == JsonToken.START_OBJECT) {
                                p.skipChildren();
                            } else {
                                assertThat(t).isEqualTo(JsonToken.VALUE_NULL);
                            }
                        } else if (NUMERIC.contains(vr)) {
                            assertThat(t).as("%s %s value", key, vr)
                                    .isIn(JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_NUMBER_FLOAT, JsonToken.VALUE_NULL);
                        } else {
                            assertThat(t).as("%s %s value", key, vr).isIn(JsonToken.VALUE_STRING, JsonToken.VALUE_NULL);
                        }
                    }
                }
                case "BulkDataURI", "InlineBinary" -> assertThat(t).isEqualTo(JsonToken.VALUE_STRING);
                default -> throw new AssertionError("unexpected member " + name + " in " + key);
            }
        }
        assertThat(vr).as("vr of %s", key).isNotNull();
        return nested;
    }
}
