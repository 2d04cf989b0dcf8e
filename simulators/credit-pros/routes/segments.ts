import type { FastifyInstance } from 'fastify';
import { ValidationErrors, sendNotFound, sendValidation } from '../errors';
import { pageUrlOf, paginate } from '../pagination';
import { PERMISSIONS } from '../permissions';
import { renderSegment } from '../resources';
import { OPERATORS_BY_TYPE } from '../rule-tree';
import type { FieldType } from '../rule-tree';
import type { Query } from '../validation';
import { readPage } from '../validation';
import { parsePathId } from './deps';
import type { RouteDeps } from './deps';

/**
 * Segment reads a search client needs: the operators per field type for rule trees
 * (`GET /segments/attribute-types`, a bare array) and a client's segments
 * (`GET /clients/{client}/segments`, a Laravel paginator).
 */
export function registerSegmentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, auth } = deps;
  const view = { onRequest: auth.guard(PERMISSIONS.viewSegments) };

  app.get('/segments/attribute-types', view, async () =>
    (Object.keys(OPERATORS_BY_TYPE) as FieldType[]).map((typeName) => ({
      availableValues: [...OPERATORS_BY_TYPE[typeName]],
      typeName,
    })),
  );

  app.get<{ Params: { client: string }; Querystring: Query }>(
    '/clients/:client/segments',
    view,
    async (request, reply) => {
      const clientId = parsePathId(request.params.client);
      const client = clientId === undefined ? undefined : store.getClient(clientId);
      if (!client) return sendNotFound(reply);
      const errors = new ValidationErrors();
      const page = readPage(request.query, errors);
      if (!errors.isEmpty) return sendValidation(reply, errors);
      const segment = store.getSegment(client.segment_id);
      const segments = segment ? [renderSegment(store, segment)] : [];
      return paginate(segments, page, pageUrlOf(request));
    },
  );
}
