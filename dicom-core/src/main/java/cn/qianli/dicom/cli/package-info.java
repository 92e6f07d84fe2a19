/**
 * Command-line tools over dicom-core, run by {@code ./qianli dicom ...}: {@link DicomInfo}
 * prints what an instance is, one JSON object per file.
 */
package cn.qianli.dicom.cli;
