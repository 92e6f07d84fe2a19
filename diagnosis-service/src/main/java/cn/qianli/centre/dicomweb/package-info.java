/**
 * DICOMweb (PS3.18) under {@code /dicom-web}: STOW-RS stores, QIDO-RS searches, WADO-RS
 * retrieves. Every query includes the caller's tenancy.
 */
package cn.qianli.centre.dicomweb;
