package cn.qianli.dicom;

/**
 * A file or data set that is not the DICOM it claims to be: truncated, without the Part 10
 * preamble and File Meta Information, with a bad VR or length, or without an element the
 * project needs to identify it. The message says what is wrong and, where it helps, at which
 * byte offset of the file.
 */
public class DicomFormatException extends Exception {

    public DicomFormatException(String message) {
        super(message);
    }

    public DicomFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
