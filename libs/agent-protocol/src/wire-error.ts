import { isErrorCode, isPitrixError, PitrixError } from '@pitrix/errors';
import type { WireError } from './gen/pitrix/agent/v1/error_pb.js';

/** The wire form of any error: Pitrix errors keep their code; anything else is `SYSTEM.INTERNAL`. */
export function toWireError(err: unknown): { code: string; message: string } {
  if (isPitrixError(err)) return { code: err.code, message: err.message };
  return { code: 'SYSTEM.INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** Rebuilds a typed error from its wire form; an unknown code becomes `AGENT.PROTOCOL_ERROR`. */
export function fromWireError(wire: WireError | undefined): PitrixError {
  if (!wire) return new PitrixError('AGENT.PROTOCOL_ERROR', 'the agent reported an error without details');
  if (!isErrorCode(wire.code)) return new PitrixError('AGENT.PROTOCOL_ERROR', `unknown error code ${JSON.stringify(wire.code)}: ${wire.message}`);
  return new PitrixError(wire.code, wire.message);
}
