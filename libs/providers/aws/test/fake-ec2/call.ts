import type { QueryParams } from './query.js';
import type { FakeWorld } from './world.js';
import type { XmlValue } from './xml.js';

/** One authenticated request: the account state, its parameters and the signed region. */
export interface Call {
  readonly world: FakeWorld;
  readonly params: QueryParams;
  readonly region: string;
}

/** An EC2 action: reads the call and returns the members of `<{Action}Response>`. */
export type ActionHandler = (call: Call) => Record<string, XmlValue>;
