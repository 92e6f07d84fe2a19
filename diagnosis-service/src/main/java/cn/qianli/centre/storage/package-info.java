/**
 * Where instances' bytes live: the narrow {@link cn.qianli.centre.storage.ObjectStore} seam
 * (create, read, readRange, remove) with a plain-filesystem store, the embedded default, and an
 * S3 store (any S3 endpoint through the MinIO client). QIANLI_STORAGE picks one.
 */
package cn.qianli.centre.storage;
