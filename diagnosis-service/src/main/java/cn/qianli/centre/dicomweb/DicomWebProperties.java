package cn.qianli.centre.dicomweb;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestSize the largest STOW-RS request accepted (QIANLI_MAX_UPLOAD_SIZE); larger ones get 413
 * @param incomingDir    where parts too large to be held in memory are spooled while they are
 *                       checked (QIANLI_INCOMING_DIR); blank means the system's temporary directory
 * @param stowMemory     how many bytes of STOW-RS parts all requests together may hold in memory
 *                       while they are checked and stored (QIANLI_STOW_MEMORY); a part that finds
 *                       the budget spent, or is larger than {@code maxPartInMemory}, is spooled
 * @param maxPartInMemory the largest part held in memory (QIANLI_STOW_MAX_PART_IN_MEMORY)
 */
@ConfigurationProperties("qianli.dicomweb")
public record DicomWebProperties(DataSize maxRequestSize, String incomingDir, DataSize stowMemory,
        DataSize maxPartInMemory) {

    public DicomWebProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofGigabytes(2) : maxRequestSize;
        incomingDir = incomingDir == null ? "" : incomingDir.strip();
        stowMemory = stowMemory == null ? DataSize.ofMegabytes(256) : stowMemory;
        maxPartInMemory = maxPartInMemory == null ? DataSize.ofMegabytes(8) : maxPartInMemory;
        if (stowMemory.isNegative() || maxPartInMemory.isNegative() || maxPartInMemory.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("qianli.dicomweb.stow-memory and max-part-in-memory are 0 to 2 GB");
        }
    }
}
