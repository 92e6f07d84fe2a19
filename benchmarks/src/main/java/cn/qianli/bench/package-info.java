/**
 * Benchmarks run by {@code ./qianli bench}: each measures Qianli against a reference peer (DCMTK,
 * Orthanc) on the same synthetic corpus in the same run, and prints the figures as a table.
 */
package cn.qianli.bench;
