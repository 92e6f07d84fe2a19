package cn.qianli.dicom.internal;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;

/** The VR of a tag from PixelMed's PS3.6 data dictionary, for implicit VR data sets. */
public final class ToolkitDictionary {

    private static final DicomDictionary DICTIONARY = new DicomDictionary();

    private ToolkitDictionary() {
    }

    /**
     * The VR code of the tag (two letters), "UN" when the dictionary does not know it. Where
     * PS3.6 allows two VRs, the one implicit VR little endian uses is chosen: OW for OB/OW,
     * US for US/SS, OW for US/OW.
     */
    public static String vrOf(int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        if (element == 0x0000) {
            return "UL";
        }
        if ((group & 1) == 1 && element >= 0x0010 && element <= 0x00FF) {
            return "LO";
        }
        byte[] vr = DICTIONARY.getValueRepresentationFromTag(new AttributeTag(group, element));
        if (vr == null || vr.length != 2) {
            return "UN";
        }
        String code = new String(vr, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (code) {
            case "OX", "XO" -> "OW";
            case "XS" -> "US";
            default -> code;
        };
    }
}
