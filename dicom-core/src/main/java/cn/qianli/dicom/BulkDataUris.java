package cn.qianli.dicom;

/**
 * Where a client can fetch a bulk data value written as "BulkDataURI" in DICOM JSON
 * (PS3.18 F.2.6). The tag path names the value: the tag as 8 upper-case hex digits, and inside a
 * sequence the sequence tag, the item index (from 0) and the nested tag, joined with '/':
 * {@code 7FE00010}, {@code 00540016/0/00181074}. Where no function is given (null), small binary
 * values go inline (InlineBinary) and larger ones are left out.
 */
@FunctionalInterface
public interface BulkDataUris {

    String uriFor(String tagPath);
}
