/**
 * WADO-RS (PS3.18 10.4): studies, series and instances as {@code multipart/related} of the
 * stored Part 10 objects, byte for byte; metadata as DICOM JSON; frames served from byte ranges
 * of the stored object. Anything outside the caller's tenancy is "not found".
 */
package cn.qianli.centre.dicomweb.wado;
