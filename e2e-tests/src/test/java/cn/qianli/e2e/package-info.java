/**
 * End-to-end tests across processes: the centre started from its executable jar against real
 * Keycloak and S3Proxy, studies stored over STOW-RS as a gateway, and the viewer driven in
 * Debian's Chromium by the walk-through in {@code viewer-web/e2e}.
 */
package cn.qianli.e2e;
