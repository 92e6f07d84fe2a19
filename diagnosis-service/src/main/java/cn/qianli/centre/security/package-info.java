/**
 * Who is calling and what they may see. Bearer tokens from the realm (issuer and audience
 * checked), realm roles as authorities, the {@link cn.qianli.centre.security.Caller} resolved per
 * request, and the {@link cn.qianli.centre.security.Tenancy} predicate every query over patient
 * data includes.
 */
package cn.qianli.centre.security;
