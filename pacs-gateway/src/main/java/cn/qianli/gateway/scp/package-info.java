/**
 * Receiving from the modalities: C-ECHO and C-STORE SCP (dicom-core's DicomServer) for every
 * storage SOP class and the common transfer syntaxes, compressed data kept as received. C-STORE
 * success is answered only once the instance is durable in the spool.
 */
package cn.qianli.gateway.scp;
