/**
 * PS3.7 DIMSE messages: the command set (group 0000, always implicit VR little endian) as
 * {@link cn.qianli.dicom.net.dimse.Command}, every status named in
 * {@link cn.qianli.dicom.net.dimse.Status} with its PS3.7 / PS3.4 meaning, and
 * {@link cn.qianli.dicom.net.dimse.DimseException}, a failure that carries the whole response.
 */
package cn.qianli.dicom.net.dimse;
