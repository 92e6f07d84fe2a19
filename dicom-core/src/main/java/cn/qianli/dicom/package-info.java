/**
 * Qianli's one door to the DICOM toolkit. Everything DICOM that the applications need passes
 * through here: reading and writing Part 10 files, identifying an instance, DICOM JSON
 * (PS3.18 F.2), frames to pixels, character sets, and the DICOM network layer. No other module
 * imports the toolkit.
 */
package cn.qianli.dicom;
