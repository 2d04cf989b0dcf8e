import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';
import type { AppError } from '../errors';
import { isAppError } from '../errors';

type Path = readonly (string | number)[];

interface Collected {
  error: AppError;
  path: Path;
}

/**
 * Vendor failures met while resolving one request. A vendor that fails costs only its own
 * fields: resolvers record the failure here and return what the other vendors gave (or null),
 * and the response carries one error per vendor and code, with every affected path.
 */
export class PartialErrors {
  private readonly collected: Collected[] = [];

  add(error: AppError, path: Path): void {
    this.collected.push({ error, path });
  }

  get size(): number {
    return this.collected.length;
  }

  toFormatted(): GraphQLFormattedError[] {
    return this.collected.map(({ error, path }) => ({
      message: error.message,
      path: [...path],
      extensions: { ...error.extensions },
    }));
  }
}

/** The response path of the field being resolved. */
export function pathOf(info: GraphQLResolveInfo): Path {
  return responsePathAsArray(info.path);
}

/**
 * Runs one vendor's part of a field. A vendor error is recorded as a partial error and `fallback`
 * returned; anything else (a bug) propagates.
 */
export async function settle<T>(
  partial: PartialErrors,
  info: GraphQLResolveInfo,
  fallback: T,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.vendor) {
      partial.add(error, pathOf(info));
      return fallback;
    }
    throw error;
  }
}

/** Several vendors' parts of one list field, concatenated; each failing vendor is recorded. */
export async function gather<T>(
  partial: PartialErrors,
  info: GraphQLResolveInfo,
  parts: readonly (() => Promise<readonly T[]>)[],
): Promise<T[]> {
  const lists = await Promise.all(
    parts.map((part) => settle<readonly T[]>(partial, info, [], part)),
  );
  return lists.flat();
}

/**
 * Folds vendor errors (recorded partial ones and thrown ones alike) into one error per vendor and
 * code, keeping the first path and listing all of them in `extensions.paths`.
 */
export function foldVendorErrors(
  errors: readonly GraphQLFormattedError[],
): GraphQLFormattedError[] {
  const folded: GraphQLFormattedError[] = [];
  const byVendor = new Map<string, { error: GraphQLFormattedError; paths: Path[] }>();
  for (const error of errors) {
    const vendor = error.extensions?.vendor;
    const code = error.extensions?.code;
    if (typeof vendor !== 'string' || typeof code !== 'string') {
      folded.push(error);
      continue;
    }
    const key = `${vendor}:${code}`;
    const seen = byVendor.get(key);
    if (seen) {
      if (error.path) seen.paths.push(error.path);
      continue;
    }
    const entry = {
      error: { ...error, extensions: { ...error.extensions } },
      paths: error.path ? [error.path] : [],
    };
    byVendor.set(key, entry);
    folded.push(entry.error);
  }
  for (const { error, paths } of byVendor.values()) {
    (error.extensions as Record<string, unknown>).paths = paths.map((p) => [...p]);
  }
  return folded;
}

/** Adds the request's partial errors to the response and folds vendor errors (see above). */
export function partialErrorsPlugin<C extends { partial: PartialErrors }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const all = [...(result.errors ?? []), ...contextValue.partial.toFormatted()];
          if (all.length === 0) return;
          result.errors = foldVendorErrors(all);
        },
      };
    },
  };
}
