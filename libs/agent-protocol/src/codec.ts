import { create, fromBinary, toBinary, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { PitrixError } from '@pitrix/errors';

/** Encodes a message for a NATS payload, building it from a plain init object. */
export function encodeMessage<Desc extends DescMessage>(schema: Desc, init: MessageInitShape<Desc>): Uint8Array {
  return toBinary(schema, create(schema, init));
}

/**
 * Decodes a NATS payload as `schema`; a payload that is not one becomes `AGENT.PROTOCOL_ERROR`
 * naming the expected message, so a peer speaking another version is reported, not crashed on.
 */
export function decodeMessage<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array): MessageShape<Desc> {
  try {
    return fromBinary(schema, bytes);
  } catch (err) {
    throw new PitrixError('AGENT.PROTOCOL_ERROR', `cannot decode ${schema.typeName}: ${(err as Error).message}`);
  }
}
