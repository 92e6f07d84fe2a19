/**
 * Study completeness: a ledger of the SOP instances received per study (kept after the instances
 * have left the spool), and the declaration to the centre that a study is complete once no
 * instance arrived for the quiet time and none is waiting to be sent. A late instance re-opens
 * the study; it is declared again with the new count.
 */
package cn.qianli.gateway.study;
