/**
 * Glue to the PixelMed toolkit, the only code that names its types: its data dictionary (VRs for
 * implicit VR data sets) and its frame decompressors (JPEG, JPEG lossless, JPEG 2000, RLE).
 * Nothing here appears in a public signature outside this package.
 */
package cn.qianli.dicom.internal;
