package cn.qianli.dicom.net;

import cn.qianli.dicom.Uid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Configuration of a {@link DicomServer}. Start from {@link #defaults(String, Path)} and change
 * what differs with the {@code with...} methods.
 *
 * @param aeTitle                 our AE title
 * @param bindAddress             address to listen on ("0.0.0.0" for all)
 * @param port                    TCP port; 0 = any free port (see {@link DicomServer#port()})
 * @param maxPduLength            the maximum P-DATA-TF length we announce and enforce on input
 * @param maxAssociations         associations served at once; more are rejected (transient, local-limit-exceeded)
 * @param allowedCallingAeTitles  calling AE titles accepted; empty = any
 * @param checkCalledAeTitle      reject associations whose called AE title is not {@code aeTitle}
 * @param artimTimeout            ARTIM: waiting for A-ASSOCIATE-RQ after connect, and for the close after release
 * @param idleTimeout             waiting for the next PDU (or the rest of one) in an established association
 * @param spoolDirectory          where received instances are written (created if missing)
 * @param fsync                   force each received file (and its directory entry) to disk before the handler sees it
 * @param tls                     TLS, or null for plain TCP
 * @param storageSopClasses       storage SOP classes accepted; empty = every storage SOP class
 * @param transferSyntaxes        transfer syntaxes accepted, for storage; the requestor's preferred one among
 *                                these is chosen per presentation context
 */
public record ServerConfig(String aeTitle, String bindAddress, int port, int maxPduLength, int maxAssociations,
        Set<String> allowedCallingAeTitles, boolean checkCalledAeTitle, Duration artimTimeout, Duration idleTimeout,
        Path spoolDirectory, boolean fsync, Tls tls, Set<String> storageSopClasses, List<String> transferSyntaxes) {

    /** Default maximum PDU length: 64 KiB. */
    public static final int DEFAULT_MAX_PDU_LENGTH = 64 * 1024;
    /** Smallest maximum PDU length we accept to configure. */
    public static final int MIN_MAX_PDU_LENGTH = 4096;
    /** Largest maximum PDU length we accept to configure (buffers stay bounded whatever the peer does). */
    public static final int MAX_MAX_PDU_LENGTH = 16 * 1024 * 1024;

    /** Transfer syntaxes accepted by default: uncompressed, deflate, JPEG, JPEG-LS, JPEG 2000, RLE. */
    public static final List<String> DEFAULT_TRANSFER_SYNTAXES = List.of(
            Uid.EXPLICIT_VR_LITTLE_ENDIAN, Uid.IMPLICIT_VR_LITTLE_ENDIAN, Uid.EXPLICIT_VR_BIG_ENDIAN,
            Uid.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, Uid.JPEG_BASELINE_8BIT, Uid.JPEG_EXTENDED_12BIT,
            Uid.JPEG_LOSSLESS, Uid.JPEG_LOSSLESS_SV1, Uid.JPEG_LS_LOSSLESS, Uid.JPEG_LS_NEAR_LOSSLESS,
            Uid.JPEG_2000_LOSSLESS, Uid.JPEG_2000, Uid.RLE_LOSSLESS);

    public ServerConfig {
        if (aeTitle == null || aeTitle.isBlank() || aeTitle.length() > 16) {
            throw new IllegalArgumentException("AE title must be 1..16 characters: " + aeTitle);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxPduLength < MIN_MAX_PDU_LENGTH || maxPduLength > MAX_MAX_PDU_LENGTH) {
            throw new IllegalArgumentException("max PDU length must be " + MIN_MAX_PDU_LENGTH + ".."
                    + MAX_MAX_PDU_LENGTH + ": " + maxPduLength);
        }
        if (maxAssociations < 1) {
            throw new IllegalArgumentException("max associations must be at least 1");
        }
        requirePositive(artimTimeout, "ARTIM timeout");
        requirePositive(idleTimeout, "idle timeout");
        if (spoolDirectory == null) {
            throw new IllegalArgumentException("a spool directory is required");
        }
        allowedCallingAeTitles = Set.copyOf(allowedCallingAeTitles);
        storageSopClasses = Set.copyOf(storageSopClasses);
        transferSyntaxes = List.copyOf(transferSyntaxes);
        bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
    }

    static void requirePositive(Duration timeout, String what) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + timeout);
        }
    }

    /**
     * Defaults that work on a laptop: all addresses, port 11112, 64 KiB PDUs, 32 associations,
     * any calling AE, called AE not checked, ARTIM 30 s, idle 60 s, fsync on, no TLS, every
     * storage SOP class in {@link #DEFAULT_TRANSFER_SYNTAXES}.
     */
    public static ServerConfig defaults(String aeTitle, Path spoolDirectory) {
        return new ServerConfig(aeTitle, "0.0.0.0", 11112, DEFAULT_MAX_PDU_LENGTH, 32, Set.of(), false,
                Duration.ofSeconds(30), Duration.ofSeconds(60), spoolDirectory, true, null, Set.of(),
                DEFAULT_TRANSFER_SYNTAXES);
    }

    public ServerConfig withBindAddress(String address, int port) {
        return new ServerConfig(aeTitle, address, port, maxPduLength, maxAssociations, allowedCallingAeTitles,
                checkCalledAeTitle, artimTimeout, idleTimeout, spoolDirectory, fsync, tls, storageSopClasses,
                transferSyntaxes);
    }

    public ServerConfig withMaxPduLength(int length) {
        return new ServerConfig(aeTitle, bindAddress, port, length, maxAssociations, allowedCallingAeTitles,
                checkCalledAeTitle, artimTimeout, idleTimeout, spoolDirectory, fsync, tls, storageSopClasses,
                transferSyntaxes);
    }

    public ServerConfig withMaxAssociations(int max) {
        return new ServerConfig(aeTitle, bindAddress, port, maxPduLength, max, allowedCallingAeTitles,
                checkCalledAeTitle, artimTimeout, idleTimeout, spoolDirectory, fsync, tls, storageSopClasses,
                transferSyntaxes);
    }

    public ServerConfig withAllowedCallingAeTitles(Set<String> titles) {
        return new ServerConfig(aeTitle, bindAddress, port, maxPduLength, maxAssociations, titles,
                checkCalledAeTitle, artimTimeout, idleTimeout, spoolDirectory, fsync, tls, storageSopClasses,
                transferSyntaxes);
    }

    public ServerConfig withCheckCalledAeTitle(boolean check) {
        return new ServerConfig(aeTitle, bindAddress, port, maxPduLength, maxAssociations, allowedCallingAeTitles,
                check, artimTimeout, idleTimeout, spoolDirectory, fsync, tls, storageSopClasses, transferSyntaxes);
    }

    public ServerConfig withTimeouts(Duration artim, Duration idle) {
        return new ServerConfig(aeTitle, bindAddress, port, maxPduLength, maxAssociations, allowedCallingAeTitles,
                checkCalledAeTitle, artim, idle, spoolDirectory, fsync, tls, storageSopClasses, transferSyntaxes);
    }

    public ServerConfig withFsync(boolean force) {
        return new ServerConfig(aeTitle, bindAddress, port, maxPduLength, maxAssociations, allowedCallingAeTitles,
                checkCalledAeTitle, artimTimeout, idleTimeout, spoolDirectory, force, tls, storageSopClasses,
                transferSyntaxes);
    }

    public ServerConfig withTls(Tls settings) {
        return new ServerConfig(aeTitle, bindAddress, port, maxPduLength, maxAssociations, allowedCallingAeTitles,
                checkCalledAeTitle, artimTimeout, idleTimeout, spoolDirectory, fsync, settings, storageSopClasses,
                transferSyntaxes);
    }

    public ServerConfig withStorage(Set<String> sopClasses, List<String> syntaxes) {
        return new ServerConfig(aeTitle, bindAddress, port, maxPduLength, maxAssociations, allowedCallingAeTitles,
                checkCalledAeTitle, artimTimeout, idleTimeout, spoolDirectory, fsync, tls, sopClasses, syntaxes);
    }
}
