import type { FastifyInstance } from 'fastify';
import { ValidationErrors, sendNotFound, sendValidation } from '../errors';
import { PERMISSIONS } from '../permissions';
import { renderInternalReport } from '../resources';
import { BUREAUS } from '../types';
import type { Bureau } from '../types';
import { parsePathId } from './deps';
import type { RouteDeps } from './deps';

/**
 * Client internal credit reports: metadata of the latest pull per bureau (no score, no content).
 * `GET /clients/{id}/reports` is a bare array with one entry per bureau that has a report (empty
 * when none); `GET /clients/{id}/reports/{bureau}` a bare object. Unknown client, or no report
 * from that bureau: 404 (inferred; the doc documents none).
 */
export function registerReportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, auth } = deps;
  const view = { onRequest: auth.guard(PERMISSIONS.viewCreditReports) };

  app.get<{ Params: { id: string } }>('/clients/:id/reports', view, async (request, reply) => {
    const clientId = parsePathId(request.params.id);
    if (clientId === undefined || !store.getClient(clientId)) return sendNotFound(reply);
    return store.reportsOf(clientId).map(renderInternalReport);
  });

  app.get<{ Params: { id: string; bureau: string } }>(
    '/clients/:id/reports/:bureau',
    view,
    async (request, reply) => {
      const clientId = parsePathId(request.params.id);
      if (clientId === undefined || !store.getClient(clientId)) return sendNotFound(reply);
      const bureau = request.params.bureau;
      if (!(BUREAUS as readonly string[]).includes(bureau)) {
        const errors = new ValidationErrors();
        errors.add('bureau', 'The selected bureau is invalid.');
        return sendValidation(reply, errors);
      }
      const report = store.reportOf(clientId, bureau as Bureau);
      return report ? renderInternalReport(report) : sendNotFound(reply);
    },
  );
}
