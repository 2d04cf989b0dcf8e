import type { FastifyReply } from 'fastify';
import { uriPath } from '../applicants';
import { ApitureError } from '../errors';
import { BASE_PATH, MEDIA_TYPE } from '../constants';
import { etagOf } from '../etag';
import type { ApitureStore } from '../store';
import type { JsonObject } from '../types';

/** What every route module needs. */
export interface RouteContext {
  store: ApitureStore;
  /** Sandbox clock, ms since the epoch; every written timestamp comes from it. */
  clock: () => number;
  /** Answer 428 when PUT, PATCH or DELETE of an application lacks `If-Match` (§3.4). */
  requireIfMatch: boolean;
}

export function nowIso(context: RouteContext): string {
  return new Date(context.clock()).toISOString();
}

/** Sends a single-resource representation with its `ETag`. */
export function sendResource(
  reply: FastifyReply,
  status: number,
  representation: JsonObject,
): FastifyReply {
  return reply
    .code(status)
    .type(MEDIA_TYPE)
    .header('etag', etagOf(representation))
    .send(representation);
}

/** Sends a collection page (collections carry no ETag, §3.4). */
export function sendCollection(reply: FastifyReply, body: JsonObject): FastifyReply {
  return reply.code(200).type(MEDIA_TYPE).send(body);
}

/**
 * The target of an action (`?application=` / `?enrollment=`): the id, or the resource URI
 * (absolute or root-relative). A missing or malformed value is a 400 (§5.1 actions).
 */
export function actionTarget(
  query: Record<string, unknown>,
  param: 'application' | 'enrollment',
): string {
  const value = query[param];
  const collection = param === 'application' ? 'applications' : 'enrollments';
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ApitureError({
      statusCode: 400,
      type: 'malformedQueryParameter',
      message: `The ${param} query parameter is required (an id or the URI of the ${param}).`,
      attributes: { parameter: param },
    });
  }
  if (!value.includes('/')) return value.trim();
  const match = new RegExp(`^${BASE_PATH}/${collection}/([^/?#]+)$`).exec(uriPath(value));
  if (!match) {
    throw new ApitureError({
      statusCode: 400,
      type: 'malformedQueryParameter',
      message: `The ${param} query parameter is neither an id nor an ${param} URI.`,
      attributes: { parameter: param, value },
    });
  }
  return match[1];
}
