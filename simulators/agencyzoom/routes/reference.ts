import type { FastifyInstance } from 'fastify';
import {
  ASSIGN_GROUPS,
  CARRIERS,
  CUSTOM_FIELDS,
  EMPLOYEES,
  END_STAGES,
  LEAD_SOURCE_CATEGORIES,
  LEAD_SOURCES,
  LOCATIONS,
  LOSS_REASONS,
  PIPELINES,
  PRODUCT_CATEGORIES,
  PRODUCT_LINES,
} from '../reference-data';

/**
 * Configuration and settings (reference §6): whole lists, no parameters, no paging. A client
 * should load each once and cache it for hours. Pipeline and end-stage ids are strings here
 * (`"id": "1"` in the samples) although requests send them as integers; reproduced.
 */
export function registerReferenceRoutes(app: FastifyInstance): void {
  const lists: Record<string, () => unknown> = {
    carriers: () => CARRIERS,
    'product-lines': () => PRODUCT_LINES,
    'product-categories': () => PRODUCT_CATEGORIES,
    'lead-sources': () => LEAD_SOURCES,
    'lead-source-categories': () => LEAD_SOURCE_CATEGORIES,
    employees: () => EMPLOYEES,
    locations: () => LOCATIONS,
    'loss-reasons': () => LOSS_REASONS,
    'assign-groups': () => ASSIGN_GROUPS,
    'custom-fields': () => CUSTOM_FIELDS,
    'pipelines-and-stages': () =>
      PIPELINES.map((pipeline) => ({
        ...pipeline,
        id: String(pipeline.id),
        stages: pipeline.stages.map((stage) => ({ ...stage, id: String(stage.id) })),
      })),
    'end-stages': () => END_STAGES.map((stage) => ({ ...stage, id: String(stage.id) })),
    // The CSR item shape is not expanded in the docs; the employee shape's name fields (inferred).
    csrs: () => ({
      csrs: EMPLOYEES.filter((e) => !e.isProducer).map(({ id, firstname, lastname, email }) => ({
        id,
        firstname,
        lastname,
        email,
      })),
    }),
  };
  for (const [path, list] of Object.entries(lists)) {
    app.get(`/v1/api/${path}`, async () => list());
  }
}
