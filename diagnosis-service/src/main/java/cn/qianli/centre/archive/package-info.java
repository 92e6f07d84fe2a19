/**
 * The archive's index in PostgreSQL: studies, series and instances, each instance row pointing
 * at its stored object. Rows are committed only after the object is in the store, so an index
 * row always names a readable object.
 */
package cn.qianli.centre.archive;
