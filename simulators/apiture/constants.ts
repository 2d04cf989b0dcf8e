/** Fixed values of the Apiture Account Applications API (reference §1.2, §1.3). */

/** Every operation lives under this base path; the gateway's base URL is `<sandbox url>/accountApplications`. */
export const BASE_PATH = '/accountApplications';

export const MEDIA_TYPE = 'application/hal+json';

export const PROFILES = {
  application:
    'https://api.apiture.com/schemas/accountApplications/application/v1.0.0/profile.json',
  applications:
    'https://api.apiture.com/schemas/accountApplications/applications/v2.0.0/profile.json',
  /** Summary items of both collections (the enrollments collection reuses it, quirk 14). */
  summary: 'https://api.apiture.com/schemas/accountApplication/v1.0.0/profile.json',
  enrollments:
    'https://api.apiture.com/schemas/accountApplications/enrollments/v2.0.0/profile.json',
  /** The export shows the placeholder `http://example.com` (quirk 18); this follows the application pattern (inferred). */
  enrollment: 'https://api.apiture.com/schemas/accountApplications/enrollment/v1.0.0/profile.json',
  /** Not shown in the export (inferred from the contact pattern). */
  user: 'https://api.apiture.com/schemas/users/user/v1.0.0/profile.json',
  errorResponse: 'https://api.apiture.com/schemas/common/errorResponse/v2.0.0/profile.json',
  contact: 'https://api.apiture.com/schemas/contacts/contact/v1.0.0/profile.json',
  role: 'https://api.apiture.com/schemas/associations/role/v1.0.0/profile.json',
  approval: 'https://api.apiture.com/schemas/approvals/approvals/v1.0.0/profile.json',
  approvalType: 'https://api.apiture.com/schemas/approvals/approvalTypes/v1.0.0/profile.json',
  consent: 'https://api.apiture.com/schemas/consents/consent/v1.0.0/profile.json',
  fraudRiskReport: 'https://api.apiture.com/schemas/identity/fraudRiskReport/v2.0.0/profile.json',
  identity: 'https://api.apiture.com/schemas/identity/identity/v2.0.0/profile.json',
  userEmailAddress: 'https://api.apiture.com/schemas/users/userEmailAddress/v1.0.0/profile.json',
  userPhoneNumber: 'https://api.apiture.com/schemas/users/userPhoneNumber/v1.0.0/profile.json',
} as const;

/** `name` of the applications collection envelope (§6.1). */
export const APPLICATIONS_COLLECTION_NAME = 'account applications';

/** Page size when `limit` is omitted (§3.2). */
export const DEFAULT_PAGE_LIMIT = 100;
/** Largest accepted `limit`; the reference states none (inferred), larger values get 422. */
export const MAX_PAGE_LIMIT = 1000;

/** Root-relative URIs of this service's resources, as HAL hrefs and `Location` headers. */
export const paths = {
  applications: `${BASE_PATH}/applications`,
  runningApplications: `${BASE_PATH}/runningApplications`,
  blockedApplications: `${BASE_PATH}/blockedApplications`,
  application: (id: string): string => `${BASE_PATH}/applications/${id}`,
  enrollments: `${BASE_PATH}/enrollments`,
  enrollment: (id: string): string => `${BASE_PATH}/enrollments/${id}`,
} as const;
