package cn.qianli.dicom.net;

import cn.qianli.dicom.Uid;
import cn.qianli.dicom.net.Association.IncomingCommand;
import cn.qianli.dicom.net.dimse.Command;
import cn.qianli.dicom.net.dimse.DimseException;
import cn.qianli.dicom.net.dimse.Status;
import cn.qianli.dicom.net.internal.IdentifierCodec;
import cn.qianli.dicom.net.pdu.AAbort;
import cn.qianli.dicom.part10.Part10Exception;
import cn.qianli.dicom.part10.Part10Header;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An established association on the requestor side: C-ECHO, C-STORE of Part 10 files, Study Root
 * C-FIND, then release (or abort). One operation at a time; not thread-safe.
 */
public final class ClientAssociation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAssociation.class);

    private final Association association;
    private final ClientConfig config;
    private int nextMessageId = 1;

    ClientAssociation(Association association, ClientConfig config) {
        this.association = association;
        this.config = config;
    }

    /** The presentation contexts the acceptor accepted. */
    public List<PresentationContext> acceptedContexts() {
        return List.copyOf(association.contexts());
    }

    /** True while established (not yet released or aborted). */
    public boolean isOpen() {
        return association.isOpen() && association.state() == State.STA6;
    }

    /** C-ECHO. */
    public DimseResponse echo() throws IOException, DimseException {
        PresentationContext pc = contextFor(Uid.VERIFICATION, null);
        Command request = Command.request(Command.C_ECHO_RQ, nextMessageId++, Uid.VERIFICATION, false);
        association.writeCommand(pc.id(), request);
        return finalResponse(request, readResponse(request));
    }

    /**
     * C-STORE of a Part 10 file: its data set is streamed from disk as it is (an odd-length deflated one
     * with the NUL pad PS3.5 A.5 asks for), on a context
     * accepted for exactly its SOP class and its transfer syntax.
     *
     * @throws NoPresentationContextException when no such context was accepted (nothing is sent)
     * @throws Part10Exception                when the file is not Part 10 or its data set has an odd
     *                                        length (truncated); nothing is sent
     * @throws DimseException                 when the peer answers with a failure status
     */
    public DimseResponse store(Path file) throws IOException, DimseException {
        Part10Header header = Part10Header.read(file);
        boolean deflated = header.meta().transferSyntaxUid().equals(Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        boolean odd = header.dataSetLength() % 2 != 0;
        if (odd && !deflated) {
            throw new Part10Exception(file.getFileName() + ": data set of odd length " + header.dataSetLength()
                    + " bytes, truncated or malformed; not sent");
        }
        String sopClass = header.meta().mediaStorageSopClassUid();
        PresentationContext pc = contextFor(sopClass, header.meta().transferSyntaxUid());
        Command request = Command.request(Command.C_STORE_RQ, nextMessageId++, sopClass, true);
        request.setInt(Command.Priority, Command.MEDIUM);
        request.setString(Command.AffectedSOPInstanceUID, header.meta().mediaStorageSopInstanceUid());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            in.skipNBytes(header.dataSetOffset());
            association.writeCommand(pc.id(), request);
            if (odd) {
                // PS3.5 A.5: an odd-length deflated bit stream is padded with a single trailing NUL byte
                association.writeDataSet(pc.id(), new SequenceInputStream(in, new ByteArrayInputStream(new byte[1])),
                        header.dataSetLength() + 1);
            } else {
                association.writeDataSet(pc.id(), in, header.dataSetLength());
            }
        } catch (AssociationAbortedException e) {
            throw e;
        } catch (IOException e) {
            association.abort(AAbort.byUser());
            throw new AssociationAbortedException("C-STORE of " + file.getFileName() + " failed: " + e.getMessage(), e);
        }
        return finalResponse(request, readResponse(request));
    }

    /** Study Root C-FIND: all matches (the Pending responses' identifiers), in order. */
    public List<QueryKeys> find(QueryKeys identifier) throws IOException, DimseException {
        PresentationContext pc = contextFor(Uid.STUDY_ROOT_QR_FIND, null);
        Command request = Command.request(Command.C_FIND_RQ, nextMessageId++, Uid.STUDY_ROOT_QR_FIND, true);
        request.setInt(Command.Priority, Command.MEDIUM);
        association.writeCommand(pc.id(), request);
        association.writeDataSet(pc.id(), IdentifierCodec.encode(identifier.asMap(), pc.transferSyntax()));
        List<QueryKeys> matches = new ArrayList<>();
        while (true) {
            Command response = readResponse(request);
            if (Status.kindOf(response.status()) != Status.Kind.PENDING) {
                if (response.hasDataSet()) {
                    association.readDataSet(pc.id(), null);
                }
                finalResponse(request, response);
                return matches;
            }
            if (!response.hasDataSet()) {
                continue;
            }
            byte[] dataSet = association.readSmallDataSet(pc.id(), FindService.MAX_IDENTIFIER_LENGTH);
            matches.add(QueryKeys.of(IdentifierCodec.decode(dataSet, pc.transferSyntax())));
        }
    }

    private PresentationContext contextFor(String abstractSyntax, String transferSyntax)
            throws NoPresentationContextException {
        for (PresentationContext pc : association.contexts()) {
            if (pc.abstractSyntax().equals(abstractSyntax)
                    && (transferSyntax == null || pc.transferSyntax().equals(transferSyntax))) {
                return pc;
            }
        }
        throw new NoPresentationContextException("no accepted presentation context for " + abstractSyntax
                + (transferSyntax == null ? "" : " in " + transferSyntax));
    }

    private Command readResponse(Command request) throws IOException {
        IncomingCommand incoming = association.readCommand();
        if (incoming == null) {
            association.abort(AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU));
            throw new AssociationAbortedException("peer asked for release while we waited for a response");
        }
        Command response = incoming.command();
        if (response.commandField() != (request.commandField() | 0x8000)
                || response.getInt(Command.MessageIDBeingRespondedTo, -1) != request.messageId()) {
            association.abort(AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU));
            throw new AssociationAbortedException("response " + response + " does not answer " + request);
        }
        return response;
    }

    private static DimseResponse finalResponse(Command request, Command response) throws DimseException {
        int status = response.status();
        if (Status.kindOf(status) == Status.Kind.FAILURE || Status.kindOf(status) == Status.Kind.CANCEL) {
            throw new DimseException(status, response.getString(Command.ErrorComment),
                    response.getTags(Command.OffendingElement));
        }
        return new DimseResponse(status, response.getString(Command.ErrorComment));
    }

    /** Releases the association (A-RELEASE-RQ, waits for A-RELEASE-RP). */
    public void release() throws IOException {
        association.release(config.artimTimeout());
    }

    /** Aborts the association (A-ABORT, service-user). */
    public void abort() {
        association.abort(AAbort.byUser());
    }

    /** Releases when still established, else just closes the connection. */
    @Override
    public void close() {
        if (isOpen()) {
            try {
                release();
            } catch (IOException e) {
                LOG.debug("release failed: {}", e.getMessage());
                association.close();
            }
        } else {
            association.close();
        }
    }
}
