package cn.qianli.dicom;

/**
 * UIDs from PS3.6 Annex A that the project names in code. Add here, never inline a UID string.
 */
public final class Uid {

    private Uid() {
    }

    // Transfer syntaxes
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    public static final String JPEG_BASELINE_8BIT = "1.2.840.10008.1.2.4.50";
    public static final String JPEG_EXTENDED_12BIT = "1.2.840.10008.1.2.4.51";
    public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
    public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
    public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    // Application context and SOP classes
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String STUDY_ROOT_QR_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    public static final String PATIENT_ROOT_QR_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String DIGITAL_XRAY_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";
    public static final String COMPUTED_RADIOGRAPHY_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1";
    public static final String SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";
    public static final String ENCAPSULATED_PDF_STORAGE = "1.2.840.10008.5.1.4.1.1.104.1";
    public static final String BASIC_TEXT_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.11";

    // Network layer
    /** Qianli's Implementation Class UID (PS3.7 D.3.3.2), sent in associations and File Meta. */
    public static final String QIANLI_IMPLEMENTATION_CLASS = "2.25.207851128907665748094547269445283970251";
    /** Root under which most storage SOP classes are registered (PS3.4 B.5). */
    public static final String STORAGE_SOP_CLASS_ROOT = "1.2.840.10008.5.1.4.1.1.";

    // Data side: transfer syntaxes named by the decoder and the frame locator
    public static final String ENCAPSULATED_UNCOMPRESSED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.98";
    public static final String JPEG_2000_PART2_LOSSLESS = "1.2.840.10008.1.2.4.92";
    public static final String JPEG_2000_PART2 = "1.2.840.10008.1.2.4.93";
    public static final String HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201";
    public static final String HTJ2K_LOSSLESS_RPCL = "1.2.840.10008.1.2.4.202";
    public static final String HTJ2K = "1.2.840.10008.1.2.4.203";
    public static final String DEFLATED_IMAGE_FRAME_COMPRESSION = "1.2.840.10008.1.2.8.1";
}
