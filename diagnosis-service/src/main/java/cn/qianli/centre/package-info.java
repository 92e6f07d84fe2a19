/**
 * The district centre: the DICOMweb archive on an object store and PostgreSQL, the reading workflow and the audit trail; it serves the viewer.
 */
package cn.qianli.centre;
