/**
 * Carries spooled instances to the centre: STOW-RS (PS3.18 10.5) batches with a Content-Digest per
 * part, optionally gzip-compressed, under a bandwidth cap and an optional bulk time window,
 * several in parallel. An instance is removed from the spool only when the centre's response
 * lists it in ReferencedSOPSequence; refused-as-invalid instances go to quarantine; everything
 * else is retried with exponential back-off and jitter, forever.
 */
package cn.qianli.gateway.forward;
