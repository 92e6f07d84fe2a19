/**
 * The clinic-side gateway: receives studies from the modalities over DICOM, keeps them in a durable spool and carries them to the centre over STOW-RS.
 */
package cn.qianli.gateway;
