/**
 * Specific Character Set (0008,0005): turns the bytes of text values into Unicode strings for
 * the single-byte ISO 8859 sets, UTF-8, GB18030 (and the frequent "GBK" label), and the ISO 2022
 * code extension sets with escape sequences (Japanese, Korean, Chinese GB2312). Values Qianli
 * writes are UTF-8 (ISO_IR 192).
 */
package cn.qianli.dicom.charset;
