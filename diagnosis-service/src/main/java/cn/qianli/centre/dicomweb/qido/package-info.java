/**
 * QIDO-RS (PS3.18 10.6): studies, series and instances searched in the index with PS3.4 C.2.2.2
 * matching (single value, wildcard, UID list, date range), literal only (fuzzy matching is not
 * offered), limit and offset, always within the caller's tenancy.
 */
package cn.qianli.centre.dicomweb.qido;
