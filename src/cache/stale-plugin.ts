import type { ApolloServerPlugin } from '@apollo/server';
import { responsePathAsArray } from 'graphql';
import { staleInfo } from './shared-reads';
import type { StaleInfo } from './shared-reads';

/** A response path whose value came from the cache past its TTL, because its vendor failed. */
export interface StalePath {
  path: (string | number)[];
  vendor: string;
  /** Age of the value in whole seconds. */
  ageSeconds: number;
}

function staleOf(result: unknown): StaleInfo | undefined {
  if (Array.isArray(result)) return result.map(staleOf).find(Boolean);
  return staleInfo(result);
}

/**
 * Tells the client which parts of the answer are stale: `extensions.stale` lists every object or
 * list field whose value was served from the cache past its TTL (stale-if-error), with the
 * vendor and the age.
 */
export function stalePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stale = new Map<string, StalePath>();
      return {
        async executionDidStart() {
          return {
            willResolveField({ info }) {
              return (_error, result) => {
                if (result === null || typeof result !== 'object') return;
                const found = staleOf(result);
                if (!found) return;
                const path = responsePathAsArray(info.path);
                const parent = path.slice(0, -1).join('.');
                // Nested fields of a stale object are covered by the object's own entry.
                if (
                  [...stale.keys()].some(
                    (known) => parent === known || parent.startsWith(`${known}.`),
                  )
                )
                  return;
                stale.set(path.join('.'), {
                  path: [...path],
                  vendor: found.vendor,
                  ageSeconds: Math.round(found.ageMs / 1000),
                });
              };
            },
          };
        },
        async willSendResponse({ response }) {
          if (stale.size === 0 || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            stale: [...stale.values()],
          };
        },
      };
    },
  };
}
