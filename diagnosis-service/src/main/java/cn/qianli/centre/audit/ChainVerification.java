package cn.qianli.centre.audit;

/**
 * The result of re-computing the chain.
 *
 * @param intact         every entry's hash matched and every link pointed at the entry before
 * @param entries        how many entries were checked
 * @param firstBrokenSeq the first entry that does not match, or 0
 * @param reason         why it does not match, or empty
 */
public record ChainVerification(boolean intact, long entries, long firstBrokenSeq, String reason) {
}
