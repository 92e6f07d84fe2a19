import { describe, expect, it } from 'vitest';
import { EventStreamParser } from './sse';

describe('event stream parser', () => {
  it('readsNamedEventsWithIdsAndData', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event:open\ndata:{"hospitalId":"H001"}\n\n')).toEqual([
      { event: 'open', data: '{"hospitalId":"H001"}' },
    ]);
    expect(parser.push('event: reading\nid: 7\ndata: {"requestId":7}\n\n')).toEqual([
      { event: 'reading', id: '7', data: '{"requestId":7}' },
    ]);
  });

  it('joinsEventsSplitAcrossChunksAndLines', () => {
    const parser = new EventStreamParser();
    expect(parser.push('data: a\r')).toEqual([]);
    expect(parser.push('\ndata: b\r\n')).toEqual([]);
    expect(parser.push('\r\n: comment\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('ignoresCommentsAndEventsWithoutData', () => {
    const parser = new EventStreamParser();
    expect(parser.push(':keep-alive\n\nevent: x\n\n')).toEqual([]);
  });
});
