/**
 * The hospitals the centre serves (name, district, township, population served) and their
 * gateways; {@code GET /api/hospitals}. Tenancy is decided by these rows: a clinic's and a
 * gateway's hospital, a radiologist's district.
 */
package cn.qianli.centre.hospital;
