import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './context';
import { ErrorCode } from './errors';

/** Codes whose messages we wrote ourselves or that come from GraphQL validation of the document. */
const SAFE_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Reasons of variable coercion failures that never quote the value given. */
const SAFE_COERCION_REASONS = [
  /^[A-Z][A-Za-z]* must be [^"]*$/,
  /^Field "[\w.]+" of required type "[\w!\]]+" was not provided\.$/,
  /^Field "\w+" is not defined by type "\w+"\.( Did you mean [^"]*("\w+"[^"]*)*\?)?$/,
  /^Expected non-nullable type "[\w!\]]+" not to be null\.$/,
  /^Expected type "\w+" to be an object\.$/,
  /^Value "\w+" does not exist in "\w+" enum\.( Did you mean the enum value "\w+"\?)?$/,
];

/**
 * graphql-js writes `Variable "$x" got invalid value <the value> at "x.email"; <reason>`: the value
 * may be personal data, so the message is rebuilt from the variable, the path and a reason known
 * not to quote it.
 */
export function safeVariableMessage(message: string): string {
  const variable = /^Variable "\$(\w+)"/.exec(message)?.[1] ?? '?';
  const semicolon = message.lastIndexOf('; ');
  const head = semicolon >= 0 ? message.slice(0, semicolon) : message;
  const reason = semicolon >= 0 ? message.slice(semicolon + 2) : '';
  const at = / at "([\w.[\]]+)"$/.exec(head)?.[1];
  const safeReason = SAFE_COERCION_REASONS.some((pattern) => pattern.test(reason))
    ? reason
    : 'the value does not match the expected type';
  return `Variable "$${variable}" has an invalid value${at ? ` at "${at}"` : ''}: ${safeReason}`;
}

/**
 * The last word on what a client sees of an error. Anything without a known code becomes a
 * generic `INTERNAL_SERVER_ERROR`: an unexpected error's message may quote a vendor body, a URL
 * or a personal value, so it never leaves the process (the log line has the request ID).
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code =
    typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  if (code && SAFE_CODES.has(code)) {
    if (code === ErrorCode.BAD_USER_INPUT && formatted.message.startsWith('Variable "$')) {
      return { ...formatted, message: safeVariableMessage(formatted.message) };
    }
    return formatted;
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** The stack of an error without its first line (the message, which may quote a personal value). */
function framesOf(error: Error): string[] {
  return (error.stack ?? '')
    .split('\n')
    .slice(1, 8)
    .map((line) => line.trim());
}

/**
 * Unexpected errors: logged with the request ID, the error's class, path and stack frames (never
 * its message), and answered as `INTERNAL_SERVER_ERROR` carrying that same request ID, so support
 * can find the log line from what the client saw.
 */
export function internalErrorsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && SAFE_CODES.has(code)) continue;
            const original = error.originalError ?? error;
            contextValue.logger.error(
              {
                err: { type: original.constructor.name, frames: framesOf(original) },
                path: error.path,
              },
              'unexpected error',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}
