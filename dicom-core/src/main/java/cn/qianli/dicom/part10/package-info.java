/**
 * Part 10 files as streams (PS3.10 section 7): reading and writing the File Meta Information
 * (preamble, {@code DICM}, group 0002 in explicit VR little endian) without loading the data set,
 * so the network layer can send a file's data set straight from disk and write a received one
 * straight to disk.
 */
package cn.qianli.dicom.part10;
