package cn.qianli.dicom.net;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.net.dimse.Command;
import cn.qianli.dicom.net.pdu.AAssociateRq;
import cn.qianli.dicom.net.pdu.Pdu;
import cn.qianli.dicom.net.pdu.PduInput;
import cn.qianli.dicom.net.pdu.PduOutput;
import cn.qianli.dicom.net.pdu.PresentationContextRq;
import cn.qianli.dicom.net.pdu.UserInformation;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;

/** A scripted peer on a raw socket, for protocol faults (in the manner of pynetdicom's parrot). */
final class FakePeer implements Closeable {

    private final Socket socket;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final PduInput in;
    private final PduOutput out;

    FakePeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000); // a bound for a failing test, not a timing assertion
        rawIn = new BufferedInputStream(socket.getInputStream());
        rawOut = socket.getOutputStream();
        in = new PduInput(rawIn, 1024 * 1024);
        out = new PduOutput(rawOut);
    }

    static AAssociateRq request(String calling, String called, List<PresentationContextRq> contexts) {
        return new AAssociateRq(1, called, calling, Uid.DICOM_APPLICATION_CONTEXT, contexts,
                new UserInformation(16384, "1.2.3.4", "FAKE"));
    }

    static PresentationContextRq verification(int id) {
        return new PresentationContextRq(id, Uid.VERIFICATION, List.of(Uid.IMPLICIT_VR_LITTLE_ENDIAN));
    }

    /** Sends A-ASSOCIATE-RQ and returns the answer. */
    Pdu associate(String calling, String called, List<PresentationContextRq> contexts) throws IOException {
        out.write(request(calling, called, contexts));
        return in.next();
    }

    Pdu next() throws IOException {
        return in.next();
    }

    PduInput input() {
        return in;
    }

    void send(byte[] raw) throws IOException {
        rawOut.write(raw);
        rawOut.flush();
    }

    void sendCommand(int pcid, Command command) throws IOException {
        byte[] bytes = command.encode();
        out.writePdv(pcid, true, true, bytes, 0, bytes.length);
        out.flush();
    }

    void sendDataSet(int pcid, byte[] dataSet) throws IOException {
        out.writePdv(pcid, false, true, dataSet, 0, dataSet.length);
        out.flush();
    }

    /** A PDU header claiming {@code length} bytes. */
    static byte[] header(int type, long length) {
        return new byte[] {(byte) type, 0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
            (byte) length};
    }

    /** Reads until the server closes the connection; true when it did (EOF or reset). */
    boolean closedByServer() throws IOException {
        try {
            while (rawIn.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
