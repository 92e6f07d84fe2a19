/**
 * The centre's PostgreSQL: connection settings, the embedded server started when no URL is
 * configured, and the split between the migration owner (Flyway) and the application's runtime
 * role, which the schema grants only what the running service needs (INSERT and SELECT on the
 * audit trail).
 */
package cn.qianli.centre.database;
