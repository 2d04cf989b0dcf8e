import type {
  ApplicationModel,
  ApplicationStateModel,
  MoneyModel,
  PersonRecordModel,
  VendorRefModel,
} from '../../src/domain/models';

/**
 * What the Apiture client returns beyond the shared domain models: thin list items, reads that
 * carry the entity tag a later write needs, and its write inputs. No wire shape appears here.
 */

/** A collection item: Apiture lists carry only the id, the account name and the state (§6.2). */
export interface ApplicationSummaryModel {
  ref: VendorRefModel;
  /** The account name the applicant chose, e.g. `My Personal Checking`. */
  name: string | null;
  state: ApplicationStateModel;
}

/** One page of a list; `nextStart` is the `start` of the next page, null on the last one. */
export interface Page<T> {
  items: T[];
  nextStart: number | null;
}

/** An application read with the validator its writes need. */
export interface ApplicationRead {
  application: ApplicationModel;
  /**
   * Entity tag as received (`"<tag>"` or `W/"<tag>"`), for `If-Match` / `If-None-Match`; null
   * when the vendor sent none.
   */
  etag: string | null;
  /**
   * Person records of the applicants whose contacts the representation embeds (primary applicant
   * first); empty when it embeds none.
   */
  applicants: PersonRecordModel[];
  /** The opening deposit requested (`fundingAmount`), when set. */
  fundingAmount: MoneyModel | null;
}

/** An enrollments collection item (§6.6). */
export interface EnrollmentSummaryModel {
  enrollmentId: string;
  /** Apiture puts the applicant's display name here. */
  name: string | null;
  /** Upper-cased vendor state, e.g. `RUNNING`, `APPROVED`. */
  state: string;
}

/** A digital-banking enrollment and the person enrolling. */
export interface EnrollmentRead {
  enrollmentId: string;
  /** Upper-cased vendor state, e.g. `RUNNING`, `APPROVED`. */
  state: string;
  /** The applicant (contact and user merged); null when the enrollment names nobody. */
  applicant: PersonRecordModel | null;
  etag: string | null;
  /** ISO 8601 date-time of the last change, when the vendor reports it. */
  updatedAt: string | null;
}

export interface ListApplicationsOptions {
  /** Zero-based offset (default 0). */
  start?: number;
  /** Page size, 1 to 1000 (default 100). */
  limit?: number;
  state?: ApplicationStateModel;
  /** ISO 8601 date-time: only applications changed at or after it. */
  updatedSince?: string;
  /** Only applications whose applicants include this contact (an id or a `contact:<id>` ref). */
  applicantContactId?: string;
  /** Newest `createdAt` first instead of the vendor's default order. */
  newestFirst?: boolean;
}

export interface ListEnrollmentsOptions {
  start?: number;
  limit?: number;
  /** ISO 8601 date-time: only enrollments changed at or after it. */
  updatedSince?: string;
}

export interface CreateApplicationInput {
  /** Apiture product id (the one required input, §1.1). */
  productId: string;
  accountName?: string;
  /** Opening deposit. */
  fundingAmount?: MoneyModel;
  /** The primary applicant, as an Apiture contact id. */
  applicantContactId?: string;
}

/** A partial update; `fundingAmount: null` removes the requested deposit. */
export interface ApplicationPatchInput {
  accountName?: string;
  fundingAmount?: MoneyModel | null;
}

/** Where the identity index reads applicants from. */
export type ApplicantSource = 'applications' | 'enrollments';

export interface ApplicantRecordsOptions {
  source: ApplicantSource;
  start?: number;
  /** Items of the list page, each costing one more GET (default 50). */
  limit?: number;
  /** ISO 8601 date-time: only records changed at or after it (incremental refresh). */
  updatedSince?: string;
}

/** One page of the identity feed. */
export interface ApplicantRecordsPage {
  /** One record per person ref (records of the same contact merged). */
  records: PersonRecordModel[];
  nextStart: number | null;
  /** Items of the page that could not be read, by application or enrollment id: retry later. */
  failures: Map<string, Error>;
}
