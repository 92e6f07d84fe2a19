/**
 * The clinic's view: its hospital's studies with their reading state (arriving n of m, waiting,
 * reported), their reports and the critical results it must acknowledge, pushed to the browser as
 * server-sent events when they change. Tenancy is the centre's: a clinic sees only its hospital.
 */
package cn.qianli.centre.clinic;
