/**
 * Pixels: decoding a frame of an instance into sample values ({@link FrameDecoder}), rendering
 * it to an 8-bit image for WADO-RS rendered and thumbnail responses, and locating each frame's
 * bytes inside the stored Part 10 file so WADO-RS frames can be served from byte ranges
 * ({@link FrameLocator}).
 */
package cn.qianli.dicom.pixels;
