/**
 * Serving the viewer (viewer-web's build, inside the jar or from the configured static
 * locations): cache lifetimes by file kind and precompressed responses.
 */
package cn.qianli.centre.viewer;
