/**
 * STOW-RS (PS3.18 10.5): {@code POST /dicom-web/studies[/{study}]} with a
 * {@code multipart/related; type="application/dicom"} body. Each part is spooled to a file,
 * identified, checked against the caller's hospital, put in the object store, and only then
 * indexed. Idempotent by SOP Instance UID: the same bytes again succeed, other bytes fail with
 * a conflict and leave the stored instance untouched.
 */
package cn.qianli.centre.dicomweb.stow;
