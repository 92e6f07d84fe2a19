package cn.qianli.centre.dicomweb.qido;

/** The query/retrieve level of a search. */
enum Level {
    STUDY, SERIES, INSTANCE
}
