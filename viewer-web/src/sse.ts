/**
 * Server-sent events (HTML Living Standard, "Server-sent events" 9.2.6) read from a fetch
 * response, because EventSource cannot send an Authorization header.
 */

export interface ServerEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/** Parses an event stream incrementally: feed it text chunks, it returns the complete events. */
export class EventStreamParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #id: string | undefined;

  push(chunk: string): ServerEvent[] {
    this.#buffer += chunk;
    const out: ServerEvent[] = [];
    let newline: number;
    while ((newline = this.#buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.#buffer.slice(0, newline);
      const width = this.#buffer.startsWith('\r\n', newline) ? 2 : 1;
      // a lone \r at the end of a chunk may be the first half of \r\n: wait for more
      if (width === 1 && this.#buffer[newline] === '\r' && newline === this.#buffer.length - 1) {
        break;
      }
      this.#buffer = this.#buffer.slice(newline + width);
      if (line === '') {
        if (this.#data.length > 0) {
          const event: ServerEvent = { event: this.#event || 'message', data: this.#data.join('\n') };
          out.push(this.#id === undefined ? event : { ...event, id: this.#id });
        }
        this.#event = '';
        this.#data = [];
        continue;
      }
      if (line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) {
        value = value.slice(1);
      }
      if (field === 'event') this.#event = value;
      else if (field === 'data') this.#data.push(value);
      else if (field === 'id' && !value.includes('\0')) this.#id = value;
    }
    return out;
  }
}

/**
 * Reads events from open() until stop() is called, reopening after a dropped connection with a
 * growing delay (1 s doubling to 30 s). Returns stop.
 */
export function followEvents(
  open: (signal: AbortSignal) => Promise<Response>,
  onEvent: (event: ServerEvent) => void,
  onState: (connected: boolean) => void = () => {},
): () => void {
  const controller = new AbortController();
  let delay = 1000;
  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await open(controller.signal);
        const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
        if (reader === undefined) throw new Error('no body');
        onState(true);
        delay = 1000;
        const parser = new EventStreamParser();
        controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(value).forEach(onEvent);
        }
      } catch {
        // dropped or refused: try again below
      }
      onState(false);
      if (controller.signal.aborted) break;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(30000, delay * 2);
    }
  };
  void run();
  return () => controller.abort();
}
