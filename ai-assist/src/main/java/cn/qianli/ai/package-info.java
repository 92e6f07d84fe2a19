/**
 * The pre-screen worker: fetches pixels through WADO-RS, checks quality and triages, and posts findings and a priority back to the centre.
 */
package cn.qianli.ai;
