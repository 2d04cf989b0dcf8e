import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

/** What request-scoped code may log with (a pino or Fastify request logger). */
export type RequestLogger = Pick<Logger, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'>;

/**
 * Paths pino removes before a line is written. Our code never logs bodies or GraphQL variables;
 * this list is the safety net for when someone does by mistake: credentials, tokens and
 * personal data, at the top level and one level down.
 */
export const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'x-api-key',
  'api-key',
  'x-api-token',
  'token',
  'jwt',
  'accessToken',
  'access_token',
  'refreshToken',
  'password',
  'publicKey',
  'apiKey',
  'secret',
  'ssn',
  'taxId',
  'dob',
  'dateOfBirth',
  'birthday',
  'birthdate',
  'email',
  'emails',
  'phone',
  'phones',
  'firstName',
  'lastName',
  'fullName',
  'address',
  'addresses',
  'variables',
  'body',
] as const;

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["api-key"]',
  ...REDACTED_KEYS.flatMap((key) => {
    const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    const dotted = k.startsWith('[') ? k : `.${k}`;
    return [k.startsWith('[') ? k : key, `*${dotted}`];
  }),
];

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; default stdout. Tests pass a capture stream. */
  destination?: DestinationStream;
}

/** The process logger: JSON lines, ISO times, redaction of secrets and personal data. */
export function createLogger({ level, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service: 'vendor-graph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
