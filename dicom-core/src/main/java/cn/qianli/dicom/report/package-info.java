/**
 * Report objects written as DICOM so any PACS can show them with the study: the signed report's
 * PDF as an Encapsulated PDF instance (PS3.3 A.45.1) in a series of modality {@code DOC}.
 */
package cn.qianli.dicom.report;
