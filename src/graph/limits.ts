import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode } from 'graphql';
import type {
  ASTNode,
  DocumentNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
} from 'graphql';
import { VENDORS } from '../domain/vendor';
import type { VendorId } from '../domain/vendor';
import { ErrorCode } from '../errors';
import { estimateCost } from './cost';

export interface QueryLimits {
  /** Deepest field nesting allowed (introspection not counted). */
  maxDepth: number;
  /** Most aliased fields in one operation. */
  maxAliases: number;
  /** Most vendor calls an operation may need in the worst case. */
  maxCost: number;
}

const tooComplex = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 }, ...extensions },
  });

/** Depth and aliases of an operation, fragments expanded. Introspection fields (GraphiQL's docs) read no vendor and do not count. */
export function shapeOf(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): { depth: number; aliases: number } {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  let aliases = 0;
  const depthOf = (node: ASTNode, seen: ReadonlySet<string>): number => {
    switch (node.kind) {
      case Kind.FIELD:
        if (node.name.value.startsWith('__')) return 0;
        if (node.alias) aliases += 1;
        return node.selectionSet ? 1 + depthOf(node.selectionSet, seen) : 1;
      case Kind.SELECTION_SET:
        return Math.max(0, ...node.selections.map((selection) => depthOf(selection, seen)));
      case Kind.INLINE_FRAGMENT:
        return depthOf(node.selectionSet, seen);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments.get(node.name.value);
        if (!fragment || seen.has(node.name.value)) return 0;
        return depthOf(fragment.selectionSet, new Set([...seen, node.name.value]));
      }
      default:
        return 0;
    }
  };
  const depth = depthOf(operation.selectionSet, new Set());
  return { depth, aliases };
}

/**
 * Refuses, before any vendor call, an operation nested too deep, with too many aliases, whose
 * worst-case vendor calls exceed the configured limit, or that needs more calls of a vendor than
 * its rate budget allows in one window (it could never be answered in time). Each error states
 * the estimate and the limit.
 */
export function queryLimitsPlugin(
  limits: QueryLimits,
  budgetOf: (vendor: VendorId) => number | null,
): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, request, schema }) {
          if (!operation) return;
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError('Subscriptions are not supported: ask with a query', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          const { depth, aliases } = shapeOf(document, operation);
          if (depth > limits.maxDepth) {
            throw tooComplex(
              `Query is nested ${depth} fields deep; the limit is ${limits.maxDepth}`,
              { depth, limit: limits.maxDepth },
            );
          }
          if (aliases > limits.maxAliases) {
            throw tooComplex(`Query uses ${aliases} aliases; the limit is ${limits.maxAliases}`, {
              aliases,
              limit: limits.maxAliases,
            });
          }
          const estimate = estimateCost(schema, document, operationName, request.variables ?? {});
          if (estimate.total > limits.maxCost) {
            throw tooComplex(
              `Query needs up to ${estimate.total} vendor calls; the limit is ${limits.maxCost}`,
              {
                estimate,
                limit: limits.maxCost,
              },
            );
          }
          for (const [vendor, calls] of Object.entries(estimate.byVendor) as [VendorId, number][]) {
            const budget = budgetOf(vendor);
            if (budget !== null && calls > budget) {
              throw tooComplex(
                `Query needs up to ${calls} ${VENDORS[vendor].displayName} calls; its budget is ${budget} per window`,
                {
                  estimate,
                  limit: budget,
                  vendor,
                },
              );
            }
          }
        },
      };
    },
  };
}
