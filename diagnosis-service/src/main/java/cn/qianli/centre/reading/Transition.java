package cn.qianli.centre.reading;

import java.time.Instant;

/** One recorded state change: who moved the request, from what to what, when. */
public record Transition(ReadingState from, ReadingState to, String actor, Instant at, String detail) {
}
