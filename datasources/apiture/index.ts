export {
  ApitureClient,
  BASE_PATH,
  DEFAULT_POLICY,
  FANOUT_CONCURRENCY,
  createApitureClient,
} from './client';
export type {
  ApplicantRecordsOptions,
  ApplicantRecordsPage,
  ApplicantSource,
  ApplicationPatchInput,
  ApplicationRead,
  ApplicationSummaryModel,
  CreateApplicationInput,
  EnrollmentRead,
  EnrollmentSummaryModel,
  ListApplicationsOptions,
  ListEnrollmentsOptions,
  Page,
} from './models';
