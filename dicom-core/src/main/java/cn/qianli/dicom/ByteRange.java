package cn.qianli.dicom;

/** A run of bytes inside a stored file: where it starts and how long it is. */
public record ByteRange(long offset, long length) {

    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
    }

    public long end() {
        return offset + length;
    }
}
