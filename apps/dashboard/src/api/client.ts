import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';

/**
 * The one GraphQL client: POST over HTTP (the API's CSRF prevention refuses plain GETs), the
 * session cookie sent by the browser on both HTTP and the WebSocket, a normalised cache so a job or
 * cluster updated by a subscription is updated on every page that shows it.
 */
export function createApiClient(): Client {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = createWsClient({ url: `${scheme}://${window.location.host}/graphql`, lazy: true, retryAttempts: 5 });
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
    exchanges: [
      // Entities are normalised by id; types without one are kept inside their parent.
      cacheExchange({}),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}
