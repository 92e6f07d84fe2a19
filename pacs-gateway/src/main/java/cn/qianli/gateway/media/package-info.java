/**
 * Import from media: a CD/DVD/USB folder (with or without a DICOMDIR) or the watched drop
 * folder; every readable Part 10 instance in the tree goes into the spool like a C-STORE.
 */
package cn.qianli.gateway.media;
