import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { GatewayContext } from './context';
import type { GraphqlOutcome, Metrics } from './metrics';

/**
 * Records what Apollo knows of a request (operation name, outcome) on the request's `info`, and
 * counts it in the metrics. The HTTP layer writes the single log line per request.
 */
export function observabilityPlugin(metrics: Metrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = performance.now();
      contextValue.info.operationName = request.operationName ?? null;
      let executed = false;
      return {
        // A document that fails validation never resolves an operation: name it from the document.
        async validationDidStart({ document }) {
          if (contextValue.info.operationName) return;
          const operations = document.definitions.filter(
            (d) => d.kind === Kind.OPERATION_DEFINITION,
          );
          if (operations.length === 1 && operations[0]?.kind === Kind.OPERATION_DEFINITION) {
            contextValue.info.operationName = operations[0].name?.value ?? null;
          }
        },
        async didResolveOperation({ operationName }) {
          contextValue.info.operationName = operationName ?? null;
        },
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ response }) {
          let outcome: GraphqlOutcome = 'success';
          if (response.body.kind === 'single') {
            const { data, errors } = response.body.singleResult;
            if (!executed) outcome = errors?.length ? 'invalid' : 'success';
            else if (errors?.length) outcome = data ? 'partial' : 'error';
          }
          contextValue.info.outcome = outcome;
          metrics.observeGraphql(
            contextValue.info.operationName,
            outcome,
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}
