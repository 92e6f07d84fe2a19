/**
 * {@code multipart/related} (RFC 2387, RFC 2046 section 5.1) as DICOMweb uses it: a streaming
 * reader that hands out one part at a time without holding a request in memory, and the writer
 * for WADO-RS answers.
 */
package cn.qianli.centre.dicomweb.multipart;
