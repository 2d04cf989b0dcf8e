/**
 * Permission names a staff role grants. The doc shows `roles[].permissions[].name` but lists no
 * names, so these are the sandbox's own (inferred). A request with only the `x-api-key` acts as
 * an integration account that holds every permission.
 */
export const PERMISSIONS = {
  viewClients: 'clients.view',
  updateClients: 'clients.update',
  viewCreditReports: 'credit-reports.view',
  viewNegativeItems: 'negative-items.view',
  viewSegments: 'segments.view',
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

export const ALL_PERMISSIONS: readonly Permission[] = Object.values(PERMISSIONS);

export const READ_PERMISSIONS: readonly Permission[] = ALL_PERMISSIONS.filter(
  (name) => name !== PERMISSIONS.updateClients,
);
