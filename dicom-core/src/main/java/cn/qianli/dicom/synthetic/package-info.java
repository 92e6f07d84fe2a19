/**
 * Synthetic studies for the demo, the benchmarks and tests that must work on any clone: CT
 * series of a simple head phantom in Hounsfield units, written as Part 10 files with UTF-8
 * (ISO_IR 192) text, Chinese patient names and fresh UIDs. Not clinical data.
 */
package cn.qianli.dicom.synthetic;
