package cn.qianli.dicom.net;

import cn.qianli.dicom.net.dimse.Command;
import cn.qianli.dicom.net.pdu.AAbort;
import cn.qianli.dicom.net.pdu.AReleaseRp;
import cn.qianli.dicom.net.pdu.AReleaseRq;
import cn.qianli.dicom.net.pdu.Pdu;
import cn.qianli.dicom.net.pdu.PduException;
import cn.qianli.dicom.net.pdu.PduInput;
import cn.qianli.dicom.net.pdu.PduOutput;
import cn.qianli.dicom.net.pdu.Pdv;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One association over one connection, either side: the PS3.8 state, the PDU input and output,
 * the accepted presentation contexts, and DIMSE messages read and written as PDV streams. Every
 * protocol error, timeout or lost connection ends in {@link AssociationAbortedException} with the
 * connection closed (after an A-ABORT where the state machine sends one).
 *
 * <p>Logs {@code >>} for what is received, {@code <<} for what is sent.
 */
final class Association implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Association.class);

    /** Longest command set accepted; real ones are under 200 bytes. */
    static final int MAX_COMMAND_LENGTH = 16 * 1024;
    /** Largest PDV value we send in one P-DATA-TF, whatever the peer accepts. */
    private static final int MAX_SEND_PDV_VALUE = 1024 * 1024;
    private static final int STREAM_BUFFER = 64 * 1024;
    /**
     * The input buffer: PDU and PDV headers and commands. A larger read (a PDV value into the
     * receive buffer) goes past it straight into the caller's array, as BufferedInputStream does
     * when its buffer is empty and the request is at least its size.
     */
    private static final int INPUT_BUFFER = 4096;
    /** Largest write to a data set sink: a 512 KB image reaches its file in three. */
    private static final int RECEIVE_BUFFER = 256 * 1024;

    private final Socket socket;
    private final PduInput in;
    private final PduOutput out;
    /** Data set bytes on their way to the sink; PDV values are read into it until it is full. */
    private byte[] receiveBuffer;
    private byte[] sendBuffer;
    private final Map<Integer, PresentationContext> accepted = new HashMap<>();
    private int maxSendPdvValue = STREAM_BUFFER;
    private volatile State state;
    private String name;

    Association(Socket socket, long maxPduLength, State initial, String name) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new PduInput(new BufferedInputStream(socket.getInputStream(), INPUT_BUFFER), maxPduLength);
        this.out = new PduOutput(new BufferedOutputStream(socket.getOutputStream(), STREAM_BUFFER));
        this.state = initial;
        this.name = name;
    }

    State state() {
        return state;
    }

    String name() {
        return name;
    }

    /** The peer's address as "host:port". */
    String remoteAddress() {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        return remote == null ? "" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    void rename(String name) {
        this.name = name;
    }

    void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** Enters Sta6 with the accepted contexts and the peer's maximum P-DATA-TF length (0 = no limit). */
    void established(Collection<PresentationContext> contexts, long peerMaxLength) {
        contexts.forEach(pc -> accepted.put(pc.id(), pc));
        long max = peerMaxLength == 0 ? MAX_SEND_PDV_VALUE : Math.min(peerMaxLength - 6, MAX_SEND_PDV_VALUE);
        maxSendPdvValue = (int) Math.max(max, 256) & ~1; // PDV fragments of even length
        state = State.STA6;
    }

    PresentationContext context(int id) {
        return accepted.get(id);
    }

    Collection<PresentationContext> contexts() {
        return accepted.values();
    }

    void enter(State next) {
        state = next;
    }

    /** Reads the next PDU (or PDV); a protocol error, timeout or lost connection aborts and throws. */
    Pdu receive() throws AssociationAbortedException {
        Pdu pdu;
        try {
            pdu = in.next();
        } catch (PduException e) {
            LOG.warn("{} >> {}", name, e.getMessage());
            abort(e.abort());
            throw new AssociationAbortedException(e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            LOG.warn("{} no PDU within the timeout in {}", name, state);
            if (state == State.STA2 || state == State.STA13) {
                close();
            } else {
                abort(AAbort.byProvider(AAbort.REASON_NOT_SPECIFIED));
            }
            throw new AssociationAbortedException("timeout in " + state, e);
        } catch (EOFException e) {
            boolean expected = state == State.STA13 || state == State.STA2;
            close();
            throw new AssociationAbortedException(expected ? "connection closed" : "peer closed the connection in "
                    + state, e);
        } catch (IOException e) {
            close();
            throw new AssociationAbortedException("connection lost: " + e.getMessage(), e);
        }
        if (pdu instanceof Pdv) {
            LOG.trace("{} >> {}", name, pdu);
        } else {
            LOG.info("{} >> {}", name, pdu);
        }
        if (pdu instanceof AAbort abort) {
            state = State.STA1;
            close();
            throw new AssociationAbortedException("peer sent " + abort);
        }
        return pdu;
    }

    /** Sends a whole PDU (not P-DATA-TF). */
    void send(Pdu pdu) throws IOException {
        LOG.info("{} << {}", name, pdu);
        out.write(pdu);
    }

    /** Sends A-ABORT (best effort) and closes the connection: Sta13, then Sta1. */
    void abort(AAbort abort) {
        if (state != State.STA1 && state != State.STA13 && !socket.isClosed()) {
            try {
                send(abort);
            } catch (IOException e) {
                LOG.debug("{} could not send {}: {}", name, abort, e.getMessage());
            }
        }
        state = State.STA13;
        close();
    }

    private AssociationAbortedException unexpected(Pdu pdu) {
        abort(AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU));
        return new AssociationAbortedException("unexpected " + pdu + " in " + state);
    }

    /**
     * Reads the next command. Returns null when the peer asked for release (A-RELEASE-RQ between
     * messages): the caller answers with {@link #answerRelease()}.
     */
    IncomingCommand readCommand() throws AssociationAbortedException {
        byte[] command = new byte[256];
        int length = 0;
        int pcid = -1;
        while (true) {
            Pdu pdu = receive();
            if (pdu instanceof AReleaseRq && length == 0 && state == State.STA6) {
                state = State.STA8;
                return null;
            }
            if (!(pdu instanceof Pdv pdv) || !pdv.command() || (pcid >= 0 && pdv.presentationContextId() != pcid)) {
                throw unexpected(pdu);
            }
            pcid = pdv.presentationContextId();
            if (!accepted.containsKey(pcid)) {
                abort(AAbort.byProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
                throw new AssociationAbortedException("command on presentation context " + pcid + ", not accepted");
            }
            if (length + pdv.length() > MAX_COMMAND_LENGTH) {
                abort(AAbort.byProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
                throw new AssociationAbortedException("command set longer than " + MAX_COMMAND_LENGTH + " bytes");
            }
            if (length + pdv.length() > command.length) {
                command = Arrays.copyOf(command, Math.max(command.length * 2, length + pdv.length()));
            }
            readValue(command, length, pdv.length());
            length += pdv.length();
            if (pdv.last()) {
                try {
                    Command decoded = Command.decode(command, length);
                    LOG.debug("{} >> {}", name, decoded);
                    return new IncomingCommand(accepted.get(pcid), decoded);
                } catch (IllegalArgumentException e) {
                    abort(AAbort.byProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
                    throw new AssociationAbortedException(e.getMessage(), e);
                }
            }
        }
    }

    private void readValue(byte[] b, int offset, int length) throws AssociationAbortedException {
        try {
            in.readPdvValueFully(b, offset, length);
        } catch (SocketTimeoutException e) {
            abort(AAbort.byProvider(AAbort.REASON_NOT_SPECIFIED));
            throw new AssociationAbortedException("peer stopped sending inside a PDV", e);
        } catch (PduException e) {
            abort(e.abort());
            throw new AssociationAbortedException(e.getMessage(), e);
        } catch (IOException e) {
            close();
            throw new AssociationAbortedException("connection lost inside a PDV: " + e.getMessage(), e);
        }
    }

    /**
     * Streams the data set that follows a command on context {@code pcid} into {@code sink}, in
     * writes of up to {@link #RECEIVE_BUFFER} bytes gathered from consecutive PDVs. A failure of
     * the sink (a full disk) does not end the association: the rest of the data set is read and
     * dropped, and the failure is returned.
     */
    DataSetReceived readDataSet(int pcid, OutputStream sink) throws AssociationAbortedException {
        if (receiveBuffer == null) {
            receiveBuffer = new byte[RECEIVE_BUFFER];
        }
        byte[] buffer = receiveBuffer;
        int buffered = 0;
        long total = 0;
        IOException sinkFailure = null;
        while (true) {
            Pdu pdu = receive();
            if (!(pdu instanceof Pdv pdv) || pdv.command() || pdv.presentationContextId() != pcid) {
                throw unexpected(pdu);
            }
            int remaining = pdv.length();
            while (remaining > 0) {
                int n;
                try {
                    n = in.readPdvValue(buffer, buffered, Math.min(remaining, buffer.length - buffered));
                } catch (SocketTimeoutException e) {
                    abort(AAbort.byProvider(AAbort.REASON_NOT_SPECIFIED));
                    throw new AssociationAbortedException("peer stopped sending inside a PDV", e);
                } catch (IOException e) {
                    close();
                    throw new AssociationAbortedException("connection lost inside a PDV: " + e.getMessage(), e);
                }
                remaining -= n;
                total += n;
                buffered += n;
                if (buffered == buffer.length) {
                    sinkFailure = drain(sink, buffer, buffered, sinkFailure);
                    buffered = 0;
                }
            }
            if (pdv.last()) {
                sinkFailure = drain(sink, buffer, buffered, sinkFailure);
                return new DataSetReceived(total, sinkFailure);
            }
        }
    }

    /** Writes the buffered bytes to the sink unless it has failed already; returns its failure, if any. */
    private static IOException drain(OutputStream sink, byte[] buffer, int length, IOException failure) {
        if (failure == null && sink != null && length > 0) {
            try {
                sink.write(buffer, 0, length);
            } catch (IOException e) {
                return e;
            }
        }
        return failure;
    }

    /** Reads a small data set (a C-FIND identifier) into memory, at most {@code limit} bytes. */
    byte[] readSmallDataSet(int pcid, int limit) throws AssociationAbortedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream bounded = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (bytes.size() + len > limit) {
                    throw new IOException("data set longer than " + limit + " bytes");
                }
                bytes.write(b, off, len);
            }
        };
        DataSetReceived received = readDataSet(pcid, bounded);
        if (received.sinkFailure() != null) {
            abort(AAbort.byProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
            throw new AssociationAbortedException(received.sinkFailure().getMessage());
        }
        return bytes.toByteArray();
    }

    /** Writes a command; flushes when no data set follows. */
    void writeCommand(int pcid, Command command) throws IOException {
        LOG.debug("{} << {}", name, command);
        byte[] bytes = command.encode();
        int offset = 0;
        do {
            int n = Math.min(maxSendPdvValue, bytes.length - offset);
            out.writePdv(pcid, true, offset + n == bytes.length, bytes, offset, n);
            offset += n;
        } while (offset < bytes.length);
        if (!command.hasDataSet()) {
            out.flush();
        }
    }

    /** Writes a data set held in memory and flushes. */
    void writeDataSet(int pcid, byte[] dataSet) throws IOException {
        int offset = 0;
        do {
            int n = Math.min(maxSendPdvValue, dataSet.length - offset);
            out.writePdv(pcid, false, offset + n == dataSet.length, dataSet, offset, n);
            offset += n;
        } while (offset < dataSet.length);
        out.flush();
    }

    /** Streams {@code length} bytes of data set from {@code source} and flushes. */
    void writeDataSet(int pcid, InputStream source, long length) throws IOException {
        if (sendBuffer == null) {
            sendBuffer = new byte[maxSendPdvValue];
        }
        long remaining = length;
        do {
            int want = (int) Math.min(sendBuffer.length, remaining);
            int n = source.readNBytes(sendBuffer, 0, want);
            if (n < want) {
                throw new EOFException("data set source ended " + (remaining - n) + " bytes early");
            }
            remaining -= n;
            out.writePdv(pcid, false, remaining == 0, sendBuffer, 0, n);
        } while (remaining > 0);
        out.flush();
    }

    /**
     * True when the peer sent C-CANCEL-RQ for {@code messageId} (checked without blocking); any
     * other message at that point breaks the protocol and aborts.
     */
    boolean cancelRequested(int messageId) throws IOException {
        if (!in.hasBufferedInput()) {
            return false;
        }
        IncomingCommand next = readCommand();
        if (next != null && next.command().commandField() == Command.C_CANCEL_RQ
                && next.command().getInt(Command.MessageIDBeingRespondedTo, -1) == messageId) {
            return true;
        }
        abort(AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU));
        throw new AssociationAbortedException("expected C-CANCEL-RQ or nothing, got "
                + (next == null ? "A-RELEASE-RQ" : next.command()));
    }

    /** Acceptor side: answers A-RELEASE-RQ with A-RELEASE-RP, waits (ARTIM) for the peer to close. */
    void answerRelease(Duration artim) throws IOException {
        send(new AReleaseRp());
        awaitClose(artim);
    }

    /** Sta13: waits (ARTIM) for the peer to close the connection, then closes it ourselves. */
    void awaitClose(Duration artim) {
        state = State.STA13;
        try {
            setReadTimeout(artim);
            Pdu pdu = receive();
            LOG.debug("{} ignored {} in {}", name, pdu, state);
        } catch (IOException e) {
            // the peer closed the connection, as it should, or ARTIM expired
        }
        close();
        state = State.STA1;
    }

    /** Requestor side: sends A-RELEASE-RQ, waits for A-RELEASE-RP (ARTIM), closes. */
    void release(Duration artim) throws IOException {
        send(new AReleaseRq());
        state = State.STA7;
        setReadTimeout(artim);
        while (true) {
            Pdu pdu = receive();
            if (pdu instanceof AReleaseRp) {
                break;
            }
            if (pdu instanceof AReleaseRq) {
                send(new AReleaseRp()); // release collision: answer and keep waiting for our answer
                continue;
            }
            throw unexpected(pdu);
        }
        state = State.STA1;
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("{} close: {}", name, e.getMessage());
        }
    }

    /** ARTIM expiry: closes the connection when the association is still in {@code state}. */
    void closeIfStill(State expected) {
        if (state == expected) {
            LOG.warn("{} ARTIM expired in {}", name, state);
            close();
        }
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    /** A command with the presentation context it came on. */
    record IncomingCommand(PresentationContext context, Command command) {
    }

    /** How a data set was read: its length, and the sink's failure if it had one. */
    record DataSetReceived(long length, IOException sinkFailure) {
    }
}
