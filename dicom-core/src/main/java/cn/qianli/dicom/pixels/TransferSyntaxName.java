package cn.qianli.dicom.pixels;

import cn.qianli.dicom.Uid;
import java.util.Map;

/** Names of transfer syntaxes (PS3.6 Annex A) for messages: "JPEG-LS Lossless (1.2.840...)". */
public final class TransferSyntaxName {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(Uid.IMPLICIT_VR_LITTLE_ENDIAN, "Implicit VR Little Endian"),
            Map.entry(Uid.EXPLICIT_VR_LITTLE_ENDIAN, "Explicit VR Little Endian"),
            Map.entry(Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, "Deflated Explicit VR Little Endian"),
            Map.entry(Uid.EXPLICIT_VR_BIG_ENDIAN, "Explicit VR Big Endian"),
            Map.entry(Uid.JPEG_BASELINE_8BIT, "JPEG Baseline (Process 1)"),
            Map.entry(Uid.JPEG_EXTENDED_12BIT, "JPEG Extended (Process 2 & 4)"),
            Map.entry(Uid.JPEG_LOSSLESS, "JPEG Lossless, Non-Hierarchical (Process 14)"),
            Map.entry(Uid.JPEG_LOSSLESS_SV1, "JPEG Lossless, Non-Hierarchical, First-Order Prediction"),
            Map.entry(Uid.JPEG_LS_LOSSLESS, "JPEG-LS Lossless"),
            Map.entry(Uid.JPEG_LS_NEAR_LOSSLESS, "JPEG-LS Lossy (Near-Lossless)"),
            Map.entry(Uid.JPEG_2000_LOSSLESS, "JPEG 2000 Image Compression (Lossless Only)"),
            Map.entry(Uid.JPEG_2000, "JPEG 2000 Image Compression"),
            Map.entry(Uid.JPEG_2000_PART2_LOSSLESS, "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
            Map.entry(Uid.JPEG_2000_PART2, "JPEG 2000 Part 2 Multi-component"),
            Map.entry(Uid.HTJ2K_LOSSLESS, "High-Throughput JPEG 2000 (Lossless Only)"),
            Map.entry(Uid.HTJ2K_LOSSLESS_RPCL, "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)"),
            Map.entry(Uid.HTJ2K, "High-Throughput JPEG 2000"),
            Map.entry(Uid.RLE_LOSSLESS, "RLE Lossless"),
            Map.entry(Uid.DEFLATED_IMAGE_FRAME_COMPRESSION, "Deflated Image Frame Compression"),
            Map.entry(Uid.ENCAPSULATED_UNCOMPRESSED_EXPLICIT_VR_LITTLE_ENDIAN,
                    "Encapsulated Uncompressed Explicit VR Little Endian"));

    private TransferSyntaxName() {
    }

    public static String of(String uid) {
        String name = NAMES.get(uid);
        return name == null ? "transfer syntax " + uid : name + " (" + uid + ")";
    }
}
