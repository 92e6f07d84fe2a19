/**
 * Reports of reading requests: templates per modality and body part (检查所见 findings / 诊断意见
 * impression, Chinese and English), drafts saved continuously with an optimistic version,
 * preliminary and final sign-off by the radiologist who holds the claim (a final report never
 * changes), signed addenda, critical results the clinic must acknowledge, and the report's
 * outputs: a PDF and a DICOM Encapsulated PDF stored with the study. A signed final report is
 * published as {@link cn.qianli.centre.report.ReportSigned}.
 */
package cn.qianli.centre.report;
