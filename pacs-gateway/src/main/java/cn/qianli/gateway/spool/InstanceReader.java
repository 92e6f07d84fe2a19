package cn.qianli.gateway.spool;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the keys of a Part 10 file: the seam between the spool and dicom-core.
 *
 * <p>Urgent means: Requested Procedure Priority (0040,1003) STAT or HIGH, at the top level or in
 * the Request Attributes Sequence (0040,0275), or Study Priority ID (0032,000C) HIGH.
 */
public interface InstanceReader {

    /**
     * @throws InvalidInstanceException when the file is not a Part 10 instance with a SOP Class,
     *                                  SOP Instance and Transfer Syntax UID
     */
    InstanceKeys read(Path file) throws IOException;
}
