package cn.qianli.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes the variable fields of A-ASSOCIATE-RQ and A-ASSOCIATE-AC (PS3.8 9.3.2, 9.3.3). */
final class AssociateCodec {

    // Item types, PS3.8 9.3.2.1 - 9.3.3.3 and PS3.7 Annex D.3.3
    static final int APPLICATION_CONTEXT = 0x10;
    static final int PRESENTATION_CONTEXT_RQ = 0x20;
    static final int PRESENTATION_CONTEXT_AC = 0x21;
    static final int ABSTRACT_SYNTAX = 0x30;
    static final int TRANSFER_SYNTAX = 0x40;
    static final int USER_INFORMATION = 0x50;
    static final int MAXIMUM_LENGTH = 0x51;
    static final int IMPLEMENTATION_CLASS_UID = 0x52;
    static final int IMPLEMENTATION_VERSION_NAME = 0x55;

    private AssociateCodec() {
    }

    static byte[] encode(AAssociateRq rq) {
        ByteArrayOutputStream out = header(rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
        item(out, APPLICATION_CONTEXT, ascii(rq.applicationContext()));
        for (PresentationContextRq pc : rq.presentationContexts()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(pc.id());
            body.write(0);
            body.write(0);
            body.write(0);
            item(body, ABSTRACT_SYNTAX, ascii(pc.abstractSyntax()));
            for (String ts : pc.transferSyntaxes()) {
                item(body, TRANSFER_SYNTAX, ascii(ts));
            }
            item(out, PRESENTATION_CONTEXT_RQ, body.toByteArray());
        }
        item(out, USER_INFORMATION, userInformation(rq.userInformation()));
        return out.toByteArray();
    }

    static byte[] encode(AAssociateAc ac) {
        ByteArrayOutputStream out = header(ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
        item(out, APPLICATION_CONTEXT, ascii(ac.applicationContext()));
        for (PresentationContextAc pc : ac.presentationContexts()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(pc.id());
            body.write(0);
            body.write(pc.result());
            body.write(0);
            item(body, TRANSFER_SYNTAX, ascii(pc.transferSyntax()));
            item(out, PRESENTATION_CONTEXT_AC, body.toByteArray());
        }
        item(out, USER_INFORMATION, userInformation(ac.userInformation()));
        return out.toByteArray();
    }

    static AAssociateRq decodeRq(byte[] body) throws PduException {
        try {
            ByteBuffer b = ByteBuffer.wrap(body);
            int version = b.getShort() & 0xFFFF;
            b.getShort();
            String called = aeTitle(b);
            String calling = aeTitle(b);
            b.position(b.position() + 32);
            String applicationContext = null;
            List<PresentationContextRq> contexts = new ArrayList<>();
            UserInformation userInformation = null;
            while (b.hasRemaining()) {
                int type = b.get() & 0xFF;
                b.get();
                ByteBuffer value = slice(b, b.getShort() & 0xFFFF);
                switch (type) {
                    case APPLICATION_CONTEXT -> applicationContext = uid(value);
                    case PRESENTATION_CONTEXT_RQ -> contexts.add(presentationContextRq(value));
                    case USER_INFORMATION -> userInformation = userInformation(value);
                    default -> throw new PduException(AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER,
                            String.format("A-ASSOCIATE-RQ with unknown item type %02XH", type));
                }
            }
            if (applicationContext == null || userInformation == null) {
                throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        "A-ASSOCIATE-RQ without application context or user information item");
            }
            return new AAssociateRq(version, called, calling, applicationContext, contexts, userInformation);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "malformed A-ASSOCIATE-RQ");
        }
    }

    static AAssociateAc decodeAc(byte[] body) throws PduException {
        try {
            ByteBuffer b = ByteBuffer.wrap(body);
            int version = b.getShort() & 0xFFFF;
            b.getShort();
            String called = aeTitle(b);
            String calling = aeTitle(b);
            b.position(b.position() + 32);
            String applicationContext = null;
            List<PresentationContextAc> contexts = new ArrayList<>();
            UserInformation userInformation = null;
            while (b.hasRemaining()) {
                int type = b.get() & 0xFF;
                b.get();
                ByteBuffer value = slice(b, b.getShort() & 0xFFFF);
                switch (type) {
                    case APPLICATION_CONTEXT -> applicationContext = uid(value);
                    case PRESENTATION_CONTEXT_AC -> contexts.add(presentationContextAc(value));
                    case USER_INFORMATION -> userInformation = userInformation(value);
                    default -> throw new PduException(AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER,
                            String.format("A-ASSOCIATE-AC with unknown item type %02XH", type));
                }
            }
            if (applicationContext == null || userInformation == null) {
                throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        "A-ASSOCIATE-AC without application context or user information item");
            }
            return new AAssociateAc(version, called, calling, applicationContext, contexts, userInformation);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "malformed A-ASSOCIATE-AC");
        }
    }

    private static PresentationContextRq presentationContextRq(ByteBuffer b) throws PduException {
        int id = b.get() & 0xFF;
        b.get();
        b.get();
        b.get();
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (b.hasRemaining()) {
            int type = b.get() & 0xFF;
            b.get();
            ByteBuffer value = slice(b, b.getShort() & 0xFFFF);
            switch (type) {
                case ABSTRACT_SYNTAX -> abstractSyntax = uid(value);
                case TRANSFER_SYNTAX -> transferSyntaxes.add(uid(value));
                default -> throw new PduException(AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER,
                        String.format("presentation context with unknown sub-item type %02XH", type));
            }
        }
        if (abstractSyntax == null || transferSyntaxes.isEmpty() || id % 2 == 0) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "presentation context " + id + " without abstract syntax or transfer syntax, or even id");
        }
        return new PresentationContextRq(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextAc presentationContextAc(ByteBuffer b) throws PduException {
        int id = b.get() & 0xFF;
        b.get();
        int result = b.get() & 0xFF;
        b.get();
        String transferSyntax = "";
        while (b.hasRemaining()) {
            int type = b.get() & 0xFF;
            b.get();
            ByteBuffer value = slice(b, b.getShort() & 0xFFFF);
            if (type == TRANSFER_SYNTAX) {
                transferSyntax = uid(value);
            } else {
                throw new PduException(AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER,
                        String.format("presentation context answer with unknown sub-item type %02XH", type));
            }
        }
        return new PresentationContextAc(id, result, transferSyntax);
    }

    private static UserInformation userInformation(ByteBuffer b) {
        long maximumLength = 0;
        String implementationClassUid = "";
        String implementationVersionName = "";
        while (b.hasRemaining()) {
            int type = b.get() & 0xFF;
            b.get();
            ByteBuffer value = slice(b, b.getShort() & 0xFFFF);
            switch (type) {
                case MAXIMUM_LENGTH -> maximumLength = value.getInt() & 0xFFFFFFFFL;
                case IMPLEMENTATION_CLASS_UID -> implementationClassUid = uid(value);
                case IMPLEMENTATION_VERSION_NAME -> implementationVersionName = uid(value);
                default -> { } // async operations, role selection, extended negotiation, user identity: defaults apply
            }
        }
        return new UserInformation(maximumLength, implementationClassUid, implementationVersionName);
    }

    private static byte[] userInformation(UserInformation info) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long max = info.maximumLength();
        item(out, MAXIMUM_LENGTH, new byte[] {(byte) (max >>> 24), (byte) (max >>> 16), (byte) (max >>> 8), (byte) max});
        item(out, IMPLEMENTATION_CLASS_UID, ascii(info.implementationClassUid()));
        if (!info.implementationVersionName().isEmpty()) {
            item(out, IMPLEMENTATION_VERSION_NAME, ascii(info.implementationVersionName()));
        }
        return out.toByteArray();
    }

    private static ByteArrayOutputStream header(int version, String called, String calling) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.write(version >>> 8);
        out.write(version);
        out.write(0);
        out.write(0);
        out.writeBytes(aeTitle(called));
        out.writeBytes(aeTitle(calling));
        out.writeBytes(new byte[32]);
        return out;
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static ByteBuffer slice(ByteBuffer b, int length) {
        ByteBuffer value = b.slice(b.position(), length);
        b.position(b.position() + length);
        return value;
    }

    private static byte[] aeTitle(String title) {
        byte[] padded = "                ".getBytes(StandardCharsets.US_ASCII);
        byte[] ascii = ascii(title);
        System.arraycopy(ascii, 0, padded, 0, Math.min(16, ascii.length));
        return padded;
    }

    private static String aeTitle(ByteBuffer b) {
        byte[] title = new byte[16];
        b.get(title);
        return printable(new String(title, StandardCharsets.US_ASCII).trim());
    }

    private static String uid(ByteBuffer b) {
        byte[] value = new byte[b.remaining()];
        b.get(value);
        int end = value.length;
        while (end > 0 && (value[end - 1] == 0 || value[end - 1] == ' ')) {
            end--;
        }
        return printable(new String(value, 0, end, StandardCharsets.US_ASCII).trim());
    }

    /** Peer-chosen text goes into logs: control and non-ASCII characters become '?'. */
    private static String printable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? s : s.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
