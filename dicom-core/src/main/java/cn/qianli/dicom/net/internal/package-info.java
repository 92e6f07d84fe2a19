/**
 * Glue between the network layer and the PixelMed toolkit: encoding and decoding the small data
 * sets DIMSE carries in memory (C-FIND identifiers). Nothing outside {@code cn.qianli.dicom.net}
 * uses it.
 */
package cn.qianli.dicom.net.internal;
