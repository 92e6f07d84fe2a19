package cn.qianli.dicom.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.dicom.Uid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** PDUs written by {@link PduOutput} read back by {@link PduInput}, and every bad length refused. */
class PduInputTests {

    private static final String CT = Uid.CT_IMAGE_STORAGE;
    private static final String IMPLICIT = Uid.IMPLICIT_VR_LITTLE_ENDIAN;
    private static final String EXPLICIT = Uid.EXPLICIT_VR_LITTLE_ENDIAN;

    private static byte[] written(Pdu... pdus) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PduOutput out = new PduOutput(bytes);
        for (Pdu pdu : pdus) {
            out.write(pdu);
        }
        return bytes.toByteArray();
    }

    private static PduInput input(byte[] bytes) {
        return new PduInput(new ByteArrayInputStream(bytes), 16384);
    }

    @Test
    void readsBackAssociateRequestAndAccept() throws IOException {
        AAssociateRq rq = new AAssociateRq(1, "CALLED", "CALLING", Uid.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, CT, List.of(EXPLICIT, IMPLICIT)),
                        new PresentationContextRq(3, CT, List.of(Uid.JPEG_2000_LOSSLESS))),
                new UserInformation(16384, "1.2.3", "VERSION"));
        AAssociateAc ac = new AAssociateAc(1, "CALLED", "CALLING", Uid.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextAc(1, PresentationContextAc.ACCEPTANCE, EXPLICIT),
                        new PresentationContextAc(3, PresentationContextAc.TRANSFER_SYNTAXES_NOT_SUPPORTED, IMPLICIT)),
                new UserInformation(0, "1.2.3.4", ""));
        PduInput in = input(written(rq, ac, new AReleaseRq(), new AReleaseRp(), AAbort.byUser(),
                AAssociateRj.localLimitExceeded()));
        assertThat(in.next()).isEqualTo(rq);
        assertThat(in.next()).isEqualTo(ac);
        assertThat(in.next()).isEqualTo(new AReleaseRq());
        assertThat(in.next()).isEqualTo(new AReleaseRp());
        assertThat(in.next()).isEqualTo(AAbort.byUser());
        assertThat(in.next()).isEqualTo(AAssociateRj.localLimitExceeded());
    }

    @Test
    void skipsAsynchronousOperationsRoleSelectionAndUserIdentitySubItems() throws IOException {
        AAssociateRq rq = new AAssociateRq(1, "CALLED", "CALLING", Uid.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, CT, List.of(EXPLICIT))), new UserInformation(32768, "1.2.3", ""));
        byte[] plain = written(rq);
        byte[] extra = {
            0x53, 0, 0, 4, 0, 5, 0, 5,                                       // asynchronous operations window
            0x54, 0, 0, 8, 0, 4, '1', '.', '2', '3', 1, 0,                   // SCP/SCU role selection "1.23"
            0x58, 0, 0, 10, 1, 0, 0, 4, 'u', 's', 'e', 'r', 0, 0};           // user identity: username
        // append the sub-items inside the user information item (the last item) and fix the lengths
        byte[] bytes = new byte[plain.length + extra.length];
        System.arraycopy(plain, 0, bytes, 0, plain.length);
        System.arraycopy(extra, 0, bytes, plain.length, extra.length);
        int pduLength = plain.length - 6 + extra.length;
        bytes[2] = (byte) (pduLength >>> 24);
        bytes[3] = (byte) (pduLength >>> 16);
        bytes[4] = (byte) (pduLength >>> 8);
        bytes[5] = (byte) pduLength;
        int userItem = indexOfUserInformation(plain);
        int itemLength = ((plain[userItem + 2] & 0xFF) << 8 | (plain[userItem + 3] & 0xFF)) + extra.length;
        bytes[userItem + 2] = (byte) (itemLength >>> 8);
        bytes[userItem + 3] = (byte) itemLength;
        AAssociateRq read = (AAssociateRq) input(bytes).next();
        assertThat(read).isEqualTo(rq);
    }

    /** Offset of the user information item (type 50H) in an encoded A-ASSOCIATE-RQ. */
    private static int indexOfUserInformation(byte[] pdu) {
        int offset = 6 + 68;
        while (offset < pdu.length) {
            if ((pdu[offset] & 0xFF) == 0x50) {
                return offset;
            }
            offset += 4 + ((pdu[offset + 2] & 0xFF) << 8 | (pdu[offset + 3] & 0xFF));
        }
        throw new AssertionError("no user information item");
    }

    @Test
    void readsPdvsOfOneAndSeveralPdus() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PduOutput out = new PduOutput(bytes);
        out.writePdv(1, true, true, new byte[] {1, 2, 3, 4}, 0, 4);
        out.writePdv(1, false, false, new byte[100], 0, 100);
        out.writePdv(1, false, true, new byte[] {9, 9}, 0, 2);
        out.flush();
        PduInput in = input(bytes.toByteArray());
        assertThat(in.next()).isEqualTo(new Pdv(1, true, true, 4));
        byte[] value = new byte[4];
        in.readPdvValueFully(value, 0, 4);
        assertThat(value).containsExactly(1, 2, 3, 4);
        assertThat(in.next()).isEqualTo(new Pdv(1, false, false, 100));
        assertThat(in.next()).as("unread value is skipped").isEqualTo(new Pdv(1, false, true, 2));
    }

    static List<Arguments> badPdus() {
        return List.of(
                Arguments.of("P-DATA-TF over our maximum", header(0x04, 16385)),
                Arguments.of("P-DATA-TF of 2 GiB", header(0x04, 0x8000_0000L)),
                Arguments.of("P-DATA-TF of 4 GiB - 1", header(0x04, 0xFFFF_FFFFL)),
                Arguments.of("A-ASSOCIATE-RQ of 2 GiB", header(0x01, 0x8000_0000L)),
                Arguments.of("A-ASSOCIATE-AC too short", header(0x02, 10)),
                Arguments.of("A-RELEASE-RQ of 5 bytes", header(0x05, 5)),
                Arguments.of("A-ABORT of 2 GiB", header(0x07, 0x8000_0000L)),
                Arguments.of("unknown PDU type", header(0x09, 4)),
                Arguments.of("PDV longer than its PDU", concat(header(0x04, 10), new byte[] {0, 0, 0, 20, 1, 3})),
                Arguments.of("PDV of length 1", concat(header(0x04, 6), new byte[] {0, 0, 0, 1, 1})),
                Arguments.of("P-DATA-TF without PDV", header(0x04, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPdus")
    void refusesBadLengthsBeforeAllocating(String what, byte[] bytes) {
        assertThatThrownBy(() -> input(bytes).next()).isInstanceOf(PduException.class)
                .satisfies(e -> assertThat(((PduException) e).abort().source())
                        .isEqualTo(AAbort.SOURCE_SERVICE_PROVIDER));
    }

    private static byte[] header(int type, long length) {
        return new byte[] {(byte) type, 0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
            (byte) length};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
