package cn.qianli.centre.dicomweb;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestSize the largest STOW-RS request accepted (QIANLI_MAX_UPLOAD_SIZE); larger ones get 413
 * @param incomingDir    where parts are spooled while they are checked (QIANLI_INCOMING_DIR); blank
 *                       means the system's temporary directory
 */
@ConfigurationProperties("qianli.dicomweb")
public record DicomWebProperties(DataSize maxRequestSize, String incomingDir) {

    public DicomWebProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofGigabytes(2) : maxRequestSize;
        incomingDir = incomingDir == null ? "" : incomingDir.strip();
    }
}
