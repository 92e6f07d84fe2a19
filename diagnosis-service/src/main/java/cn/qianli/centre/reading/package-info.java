/**
 * The reading workflow: a study that arrives at the centre becomes a reading request for its
 * hospital; radiologists see the worklist (priority, then time left to the due time, then
 * arrival), claim a request (one reader at a time, decided by the database), and move it through
 * {@link cn.qianli.centre.reading.ReadingState}. Due times come from configured report time limits
 * per priority, modality and body part. Changes are published as
 * {@link cn.qianli.centre.reading.ReadingChanged}.
 */
package cn.qianli.centre.reading;
