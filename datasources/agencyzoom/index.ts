export {
  AgencyZoomClient,
  DEFAULT_POLICY,
  MAX_BATCH_LEADS,
  createAgencyZoomClient,
} from './client';
export { groupLeadsByPhone } from './mappers';
export type * from './types';
