package cn.qianli.dicom.part10;

import java.io.IOException;

/** A file is not a readable Part 10 file (no preamble, truncated or malformed meta header). */
public final class Part10Exception extends IOException {

    public Part10Exception(String message) {
        super(message);
    }
}
