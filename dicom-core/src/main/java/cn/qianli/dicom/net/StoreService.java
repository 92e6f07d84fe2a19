package cn.qianli.dicom.net;

import cn.qianli.dicom.net.Association.DataSetReceived;
import cn.qianli.dicom.net.Association.IncomingCommand;
import cn.qianli.dicom.net.dimse.Command;
import cn.qianli.dicom.net.dimse.DimseException;
import cn.qianli.dicom.net.dimse.Status;
import cn.qianli.dicom.part10.FileMetaInformation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The C-STORE SCP: streams the data set into a Part 10 file in the spool directory under a name
 * of ours ({@code <random UUID>.dcm}), forces it (and the directory) to disk when configured,
 * then asks the {@link StoreHandler} for the status. The spool directory is the SCP's own: a file
 * there is complete once the handler has it, and one the handler never had (a crash mid-write)
 * is the application's to discard on start; so no rename is spent per instance. A write failure
 * (disk full) answers Out of Resources, the partial file is deleted and the association goes on.
 * One instance serves all the associations of a {@link DicomServer}.
 */
final class StoreService {

    private static final Logger LOG = LoggerFactory.getLogger(StoreService.class);

    private final StoreHandler handler;
    private final Path spool;
    private final boolean fsync;
    /**
     * Held while a spool file is created. The file system creates one entry at a time in a
     * directory anyway; waiting here parks the other associations' threads, where waiting for
     * the directory's lock in the kernel keeps a core spinning (ext4 can take a millisecond to
     * pick an inode after many deletions).
     */
    private final ReentrantLock creating = new ReentrantLock();

    StoreService(StoreHandler handler, ServerConfig config) {
        this.handler = handler;
        this.spool = config.spoolDirectory();
        this.fsync = config.fsync();
    }

    void handle(Association association, IncomingCommand incoming, String callingAe, String calledAe)
            throws IOException {
        Command request = incoming.command();
        PresentationContext pc = incoming.context();
        String sopClass = request.getString(Command.AffectedSOPClassUID);
        String sopInstance = request.getString(Command.AffectedSOPInstanceUID);
        Command response = Command.responseTo(request, Status.SUCCESS.code(), false);
        if (!request.hasDataSet()) {
            new DimseException(Status.CANNOT_UNDERSTAND, "C-STORE-RQ without a data set").applyTo(response);
        } else if (!sopClass.equals(pc.abstractSyntax())) {
            association.readDataSet(pc.id(), null);
            new DimseException(Status.SOP_CLASS_NOT_SUPPORTED, "SOP class differs from the presentation context's",
                    Command.AffectedSOPClassUID).applyTo(response);
        } else if (!FileMetaInformation.isValidUid(sopInstance)) {
            association.readDataSet(pc.id(), null);
            LOG.warn("{} C-STORE-RQ with an invalid Affected SOP Instance UID, nothing written", association.name());
            new DimseException(Status.CANNOT_UNDERSTAND, "Affected SOP Instance UID is not a valid UID",
                    Command.AffectedSOPInstanceUID).applyTo(response);
        } else {
            receive(association, pc, request, callingAe, calledAe, response);
        }
        association.writeCommand(pc.id(), response);
    }

    private void receive(Association association, PresentationContext pc, Command request, String callingAe,
            String calledAe, Command response) throws IOException {
        String sopClass = request.getString(Command.AffectedSOPClassUID);
        String sopInstance = request.getString(Command.AffectedSOPInstanceUID);
        Path file = spool.resolve(UUID.randomUUID() + ".dcm");
        FileMetaInformation meta = FileMetaInformation.of(sopClass, sopInstance, pc.transferSyntax(), callingAe);
        FileChannel channel = null;
        IOException writeFailure = null;
        boolean complete = false;
        long length = 0;
        try {
            OutputStream out = null;
            try {
                channel = create(file);
                out = Channels.newOutputStream(channel);
                meta.write(out);
            } catch (IOException e) {
                writeFailure = e;
            }
            DataSetReceived received = association.readDataSet(pc.id(), writeFailure == null ? out : null);
            length = received.length();
            if (writeFailure == null) {
                writeFailure = received.sinkFailure();
            }
            if (writeFailure == null) {
                try {
                    if (fsync) {
                        channel.force(true);
                    }
                    channel.close();
                    if (fsync) {
                        forceDirectory(spool);
                    }
                    complete = true;
                } catch (IOException e) {
                    writeFailure = e;
                }
            }
        } finally {
            if (!complete) {
                closeQuietly(channel);
                deleteQuietly(file);
            }
        }
        if (writeFailure != null) {
            LOG.warn("{} C-STORE {} not written: {}", association.name(), sopInstance, writeFailure.toString());
            new DimseException(Status.OUT_OF_RESOURCES, "cannot write the instance: " + writeFailure.getMessage())
                    .applyTo(response);
            return;
        }
        ReceivedInstance instance = new ReceivedInstance(callingAe, calledAe, sopClass, sopInstance,
                pc.transferSyntax(), file, length, association.remoteAddress());
        int status;
        try {
            Status answer = handler.store(instance);
            status = answer == null ? Status.PROCESSING_FAILURE.code() : answer.code();
            response.setInt(Command.Status, status);
        } catch (DimseException e) {
            status = e.status();
            e.applyTo(response);
        } catch (Exception e) {
            LOG.error("{} storage handler failed for {}", association.name(), sopInstance, e);
            status = Status.UNABLE_TO_PROCESS_STORE.code();
            new DimseException(status, e.getClass().getSimpleName() + ": " + e.getMessage()).applyTo(response);
        }
        if (Status.kindOf(status) == Status.Kind.FAILURE) {
            deleteQuietly(file);
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("{} C-STORE {} {} bytes {}: {}", association.name(), sopInstance, length, pc.transferSyntax(),
                    Status.describe(status));
        }
    }

    private FileChannel create(Path file) throws IOException {
        creating.lock();
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } finally {
            creating.unlock();
        }
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the partial file is deleted next
            }
        }
    }
}
