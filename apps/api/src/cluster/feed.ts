import { isPitrixError, PitrixError } from '@pitrix/errors';

/** How a feed buffers for a slow client. */
export interface FeedOptions {
  /** Values held for the client at most; one more ends the feed with `SUBSCRIPTION.TOO_SLOW`. */
  readonly maxQueue: number;
  /** Runs once when the feed ends, however it ends (stop listening, free what it holds). */
  readonly onClose: () => void;
}

/**
 * A push-fed async iterator for GraphQL subscriptions: values pushed are delivered in order;
 * `return()` (the client went away) ends it at once and runs `onClose`, even while it waits.
 * A client that falls more than `maxQueue` values behind gets, instead of the rest, one
 * `SUBSCRIPTION.TOO_SLOW` error as its last value (the subscription's resolver returns it, so
 * GraphQL reports it with that code) and the feed ends: the buffer never grows past the cap.
 */
export class Feed<T> implements AsyncIterableIterator<T | PitrixError> {
  private readonly queue: Array<T | PitrixError> = [];
  private waiting: ((result: IteratorResult<T | PitrixError>) => void) | undefined;
  private roomWanted: { readonly count: number; readonly resolve: () => void } | undefined;
  private ended = false;

  constructor(private readonly options: FeedOptions) {}

  push(value: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting({ value, done: false });
    else if (this.queue.length < this.options.maxQueue) this.queue.push(value);
    else this.tooSlow(this.queue.length + 1);
  }

  /** Whether the feed has ended (what is pushed from now on is dropped). */
  get closed(): boolean {
    return this.ended;
  }

  /**
   * Resolves once `count` more values fit under the cap (at once if they do), or the feed ended:
   * a producer that can re-read what it has not pushed (a cursor) waits here instead of
   * overflowing. One producer waits at a time.
   */
  whenRoom(count: number): Promise<void> {
    if (this.ended || this.queue.length + count <= this.options.maxQueue) return Promise.resolve();
    return new Promise((resolve) => (this.roomWanted = { count: Math.min(count, this.options.maxQueue), resolve }));
  }

  /** Ends the feed after what was pushed so far. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.wakeProducer();
    this.options.onClose();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T | PitrixError>> {
    const value = this.queue.shift();
    if (value !== undefined) {
      if (this.roomWanted && this.queue.length + this.roomWanted.count <= this.options.maxQueue) this.wakeProducer();
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T | PitrixError>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T | PitrixError> {
    return this;
  }

  private wakeProducer(): void {
    const wanted = this.roomWanted;
    this.roomWanted = undefined;
    wanted?.resolve();
  }

  /** Drops the backlog for one error that says by how much the client fell behind, and ends. */
  private tooSlow(behind: number): void {
    this.queue.length = 0;
    this.queue.push(
      new PitrixError(
        'SUBSCRIPTION.TOO_SLOW',
        `This subscription fell ${behind} events behind its client (at most ${this.options.maxQueue} are held); resubscribe from the last event received`,
      ),
    );
    this.end();
  }
}

/** A subscription's resolver: a value is delivered, a feed's error is thrown (GraphQL reports its code). */
export function deliver<T>(value: T | PitrixError): T {
  if (isPitrixError(value)) throw value;
  return value;
}
