package cn.qianli.centre.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qianli.dicom.DicomInstance;
import cn.qianli.dicom.InstanceIdentity;
import cn.qianli.dicom.Tag;
import cn.qianli.dicom.Uid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Copies of sample files under UIDs of their own: the samples share UIDs among their encodings. */
public final class OwnUids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnUids() {
    }

    /**
     * A copy of the sample whose study, series and SOP instance UIDs are each replaced, wherever
     * they occur as a value, by a fresh UID of the same length; a deflated data set is
     * inflated for that and deflated again.
     */
    public static Path copy(Path sample, Path directory) throws Exception {
        DicomInstance original = DicomInstance.readHeader(sample);
        InstanceIdentity id = original.identity();
        Map<String, String> fresh = new LinkedHashMap<>();
        Stream.of(id.sopInstanceUid(), id.seriesInstanceUid(), id.studyInstanceUid()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(uid -> fresh.put(uid, freshUid(uid.length())));
        byte[] bytes = Files.readAllBytes(sample);
        if (Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(id.transferSyntaxUid())) {
            int dataSet = 132 + 12 + ByteBuffer.wrap(bytes, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] meta = replaceUids(Arrays.copyOf(bytes, dataSet), fresh);
            byte[] inflated;
            try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes, dataSet,
                    bytes.length - dataSet), new Inflater(true))) {
                inflated = in.readAllBytes();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(meta);
            try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
                deflater.write(replaceUids(inflated, fresh));
            }
            bytes = out.toByteArray();
        } else {
            bytes = replaceUids(bytes, fresh);
        }
        Path copy = Files.createTempFile(directory, sample.getFileName().toString(), ".dcm");
        Files.write(copy, bytes);
        InstanceIdentity replaced = DicomInstance.readHeader(copy).identity();
        assertThat(List.of(replaced.studyInstanceUid(), replaced.seriesInstanceUid(), replaced.sopInstanceUid()))
                .doesNotContainAnyElementsOf(fresh.keySet());
        String meta = original.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID);
        if (id.sopInstanceUid().equals(meta)) {
            assertThat(DicomInstance.readHeader(copy).fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID))
                    .isEqualTo(replaced.sopInstanceUid());
        }
        return copy;
    }

    private static byte[] replaceUids(byte[] bytes, Map<String, String> fresh) {
        for (Map.Entry<String, String> e : fresh.entrySet()) {
            byte[] from = e.getKey().getBytes(StandardCharsets.US_ASCII);
            byte[] to = e.getValue().getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i + from.length <= bytes.length; i++) {
                // not followed by a UID character: the whole value, not the start of a longer UID (the byte before
                // may be a length's low byte in big endian, so it says nothing)
                if (Arrays.equals(bytes, i, i + from.length, from, 0, from.length)
                        && (i + from.length == bytes.length || !uidCharacter(bytes[i + from.length]))) {
                    System.arraycopy(to, 0, bytes, i, to.length);
                }
            }
        }
        return bytes;
    }

    private static boolean uidCharacter(byte b) {
        return b == '.' || (b >= '0' && b <= '9');
    }

    /** A UID under 2.25 (PS3.5 B.2) of exactly {@code length} characters. */
    public static String freshUid(int length) {
        StringBuilder uid = new StringBuilder("2.25.").append((char) ('1' + RANDOM.nextInt(9)));
        while (uid.length() < length) {
            uid.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return uid.toString();
    }
}
