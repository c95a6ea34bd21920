import { PitrixError } from '@pitrix/errors';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasRole } from '../access/index.js';
import type { Authenticator } from '../auth/authenticator.js';

/** Largest request body of any operation but a package upload. */
export const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

/** The one operation whose body may be larger: a package travels base64-encoded inside it. */
const UPLOAD_FIELD = 'uploadPackage';

type Request = IncomingMessage & { largeBody?: boolean };

/**
 * Lets a body over 1 MiB (or of unknown length) through to the JSON parser only for a caller who
 * may upload packages, marking the request so that the operation check below can insist that it
 * is an upload. Anyone else gets 413 before a byte of it is parsed.
 */
export function largeBodyGate(authenticator: Authenticator): (req: Request, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const length = Number(req.headers['content-length']);
    if (req.method !== 'POST' || (Number.isInteger(length) && length <= REQUEST_BODY_LIMIT_BYTES)) return next();
    authenticator.fromHeaders(req.headers).then(
      (caller) => {
        if (caller && caller.scope === 'full' && hasRole(caller, 'developer')) {
          req.largeBody = true;
          return next();
        }
        res.statusCode = 413;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ errors: [{ message: `The request body is larger than ${REQUEST_BODY_LIMIT_BYTES} bytes; only package uploads (by developers) may be`, extensions: { code: 'INPUT.INVALID' } }] }));
      },
      () => res.destroy(),
    );
  };
}

/** Refuses a large body that carries anything but a package upload. */
export function largeBodyOperationPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue }) {
      const req = (contextValue as { req?: Request }).req;
      if (!req?.largeBody) return;
      return {
        async didResolveOperation({ operation }) {
          const onlyUploads = operation?.operation === 'mutation' && operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value === UPLOAD_FIELD);
          if (!onlyUploads) {
            const error = new PitrixError('INPUT.INVALID', `The request body is larger than ${REQUEST_BODY_LIMIT_BYTES} bytes; only ${UPLOAD_FIELD} may be`, [{ path: 'body', message: `at most ${REQUEST_BODY_LIMIT_BYTES} bytes` }]);
            throw new GraphQLError(error.message, { originalError: error, extensions: { code: 'INPUT.INVALID' } });
          }
        },
      };
    },
  };
}
