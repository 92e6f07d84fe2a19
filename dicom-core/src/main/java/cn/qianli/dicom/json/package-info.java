/**
 * DICOM JSON (PS3.18 Annex F.2): the metadata of QIDO-RS and WADO-RS responses, written with
 * Jackson's streaming generator.
 */
package cn.qianli.dicom.json;
