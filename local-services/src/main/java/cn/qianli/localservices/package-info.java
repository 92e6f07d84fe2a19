/**
 * The real peers the centre talks to, started on free loopback ports for tests and the demo:
 * {@link cn.qianli.localservices.LocalPostgres} (PostgreSQL from embedded binaries, in process),
 * {@link cn.qianli.localservices.LocalS3} (S3Proxy, a child process that checks SigV4 signatures)
 * and {@link cn.qianli.localservices.LocalKeycloak} (Keycloak with realm {@code qianli}, a child
 * process). {@link cn.qianli.localservices.LocalServices} shares one of each per test JVM;
 * {@link cn.qianli.localservices.Main} keeps S3 and Keycloak up for {@code ./qianli demo}.
 * Every service stops its whole process tree on close.
 */
package cn.qianli.localservices;
