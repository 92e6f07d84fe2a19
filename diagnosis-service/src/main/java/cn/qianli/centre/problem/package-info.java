/**
 * The one error catalogue: each {@link cn.qianli.centre.problem.Problem} has its HTTP status and
 * title, and every failure leaves the service as {@code application/problem+json} (RFC 9457)
 * carrying that code, from controllers and from the security filters alike.
 */
package cn.qianli.centre.problem;
