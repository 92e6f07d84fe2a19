/**
 * Coverage statistics for auditors and administrators: per hospital, how many studies and
 * instances arrived (all time and in a chosen period), of which modalities, and when its
 * gateways were last heard from. Counts only, never patient data or images.
 */
package cn.qianli.centre.statistics;
