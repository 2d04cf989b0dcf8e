/**
 * Americor's documented code lists (reference §4), copied exactly, typos included. Maps are keyed
 * by the wire code; labels are the documented ones.
 */

/** `source` of `POST /v1/leads` (25 exact strings). */
export const LEAD_SOURCES: readonly string[] = [
  ...Array.from({ length: 10 }, (_, i) => `Digital - ${i + 1}`),
  ...Array.from({ length: 10 }, (_, i) => `Mail offer - ${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `Mail Landing Page Submission - ${i + 1}`),
];

/** Lead `status` of `GET /v1/leads/{customerUuid}`, in document order. */
export const LEAD_STATUS: ReadonlyMap<number, string> = new Map([
  [0, 'New'],
  [18, 'Hot'],
  [16, 'Ready to Petch'],
  [3, 'Nurture'],
  [13, 'Docs Sent'],
  [22, 'Automation'],
  [25, 'Mail Fax Docs'],
  [34, 'Automation SR.ai'],
  [43, 'Pre-Enrollments Sent'],
  [44, 'Pre-Enrollments Completed'],
  [57, 'Docs Signed'],
  [58, 'Docs Expired'],
  [54, 'CA Pre-Enrollment'],
]);

/** Lead `salesPhase` of `GET /v1/leads/{customerUuid}`. */
export const SALES_PHASE: ReadonlyMap<number, string> = new Map([
  [-1, 'No Sales Phase'],
  [0, 'Waiting on Assignment'],
  [1, 'Trying to Contact'],
  [2, 'Initial Contact-No Application'],
  [3, 'Application Taken-Building File'],
  [4, 'App taken - Attempting Contact for Proposal'],
  [5, 'Proposal Completed - working file'],
  [6, 'Proposal Declined - no longer working file'],
  [7, 'Less than 7500/DNQ for Loan'],
  [8, 'Pre-enrollments Sent'],
  [9, 'Pre-enrollments Completed'],
  [10, 'Loan Submission'],
  [11, 'Docs Sent'],
  [12, 'Docs Signed'],
  [13, 'Docs Expired'],
  [14, 'Client Enrollment Failed by AOT'],
]);

/** `clientStatus` of `GET /v1/enrollment/{customerUuid}`. */
export const CLIENT_STATUS: ReadonlyMap<number, string> = new Map([
  [4, 'New'],
  [5, 'Waiting for 1st payment'],
  [6, 'Active'],
  [7, 'NSF Need Contact'],
  [8, 'NSF'],
  [9, 'Suspended'],
  [10, 'Pending Cancellation'],
  [11, 'Cancelled'],
  [12, 'Completed'],
  [20, 'ACH waiting for e-sign'],
  [21, 'RAM Rejected'],
  [29, 'Compliance Hold'],
  [35, 'Collection Recovery'],
  [36, 'Pending Completed'],
  [47, 'Client Relations'],
  [48, 'Review for Completion'],
  [50, 'Pending Completed - Fee Collection'],
  [51, 'Pending Cancellation - Fee Collection'],
  [53, 'Final Debt'],
]);

/** `status` of `GET /v1/enrollment/{customerId}/status`: a different, shorter list (doc conflict). */
export const ENROLLMENT_STATUS: ReadonlyMap<number, string> = new Map([
  [0, 'New'],
  [5, 'Waiting for 1 Payment'],
  [6, 'Active'],
  [10, 'Pending Cancellation'],
  [11, 'Canceled'],
]);

/** `initialDepositStatus` of `GET /v1/enrollment/{customerUuid}`, in document order. */
export const DEPOSIT_STATUS: ReadonlyMap<number, string> = new Map([
  [0, 'Void'],
  [1, 'Posted'],
  [2, 'NSF'],
  [3, 'Processing'],
  [4, 'Scheduled'],
  [6, 'Pending'],
  [5, 'Transmitted'],
  [9, 'Cancelled'],
  [10, 'Refunded partial'],
  [11, 'Refunded'],
  [12, 'Returned'],
  [100, 'Overdue'],
  [101, 'Scheduled (Auto)'],
  [102, 'Posted (Auto)'],
  [103, 'NSF make up'],
]);

/** Creditor `accountHolder`: 1 primary applicant, 2 co-applicant, 3 joint. */
export const ACCOUNT_HOLDERS: readonly number[] = [1, 2, 3];

/** Creditor `debtType`: the 89 Experian account type codes (2-character strings). */
export const DEBT_TYPES: ReadonlyMap<string, string> = new Map([
  ['00', 'Auto Loan'],
  ['01', 'Unsecured Loan'],
  ['02', 'Secured Loan'],
  ['03', 'Partially Secured Loan'],
  ['04', 'Home Improvement Loan'],
  ['05', 'FHA Home Improvement Loan'],
  ['06', 'Installment Sales Contract'],
  ['07', 'Charge Account'],
  ['08', 'Real Estate Specific Type Unknown'],
  ['09', 'Loan Secured By Cosigner'],
  ['0A', 'Time Share Loan'],
  ['0C', 'Debt Buyer'],
  ['0F', 'Construction Loan'],
  ['0G', 'Flexible Spending Credit Card'],
  ['10', 'Commercial transaction with personal liability, guarantee or written instruction'],
  ['11', 'Recreational Merchandise'],
  ['12', 'Education Loan'],
  ['13', 'Lease'],
  ['14', 'Cosigner (Not Borrower)'],
  ['15', 'Check Credit Or Line Of Credit'],
  ['16', 'FHA Cosigner (Not Borrower)'],
  ['17', 'Manufactured Home'],
  ['18', 'Credit Card'],
  ['19', 'FHA Real Estate Loan'],
  ['1A', 'Lender-Placed Insurance'],
  ['1B', 'Legitimate Business Purposes'],
  ['1C', 'Purchase Of Household Goods'],
  ['20', 'Note Loan'],
  ['21', 'Note Loan With Cosigner'],
  ['22', 'Secured By Household Goods'],
  ['23', 'Secured By Household Goods & Other Collateral'],
  ['25', 'VA Real Estate Loan'],
  ['26', 'Conventional Real Estate Loan, Including Purchase Money First'],
  ['27', 'Real Estate Mortgage - With Or Without Other Collateral. Usually A Second Mortgage'],
  ['29', 'Rental'],
  ['2A', 'Secured Credit Card'],
  ['2C', "Farmer's Home Administration (FMHA)"],
  ['30', 'Summary Of Accounts With Same Status'],
  ['31', 'Unknown - Credit Extension, Review, Or Collection'],
  ['33', 'Manual Mortgage'],
  ['37', 'Combined Credit Plan'],
  ['3A', 'Auto Lease'],
  ['3C', 'Licensing - CA And NV Legal Requirement'],
  ['43', 'Debit Card'],
  ['47', 'Credit Line Secured'],
  ['48', 'Collection Department/Agency/Attorney'],
  ['4D', 'Telecommunications/Cellular'],
  ['4F', 'Tax Collection'],
  ['50', 'Family Support'],
  ['5A', 'Real Estate-Jr Liens/Non-Purchase Money'],
  ['5B', 'Second Mortgage'],
  ['5C', 'Checking Or Savings/Possible Additional Offers'],
  ['65', 'Government Unsecured Guaranteed Loan'],
  ['66', 'Government Secured Guaranteed Loan'],
  ['67', 'Government Unsecured Direct Loan'],
  ['68', 'Government Secured Direct Loan'],
  ['69', 'Government Grant'],
  ['6A', 'Commercial Installment Loan'],
  ['6B', 'Commercial Mortgage'],
  ['6C', 'Credit Granting/Possible Additional Offers'],
  ['6D', 'Home Equity'],
  ['70', 'Government Overpayment'],
  ['71', 'Government Fine'],
  ['72', 'Government Fee For Service'],
  ['73', 'Government Employee Advance'],
  ['74', 'Government Miscellaneous Debt'],
  ['77', 'Returned Check'],
  ['78', 'Installment Loan'],
  ['7A', 'Commercial Line Of Credit'],
  ['7B', 'Agriculture'],
  ['7C', 'Service Activation/Possible Additional Offers'],
  ['83', 'Post Prescreen/Extract Prescreen Inquiry'],
  ['85', 'Bi-Monthly Mortgage Paymen t'],
  ['86', 'Automated Mortgage Report'],
  ['87', 'Semi-Monthly Mortgage Payment'],
  ['89', 'Home Equity Line Of Credit'],
  ['8A', 'Business Credit Card'],
  ['8B', 'Deposit Related'],
  ['8C', 'Id Profile'],
  ['90', 'Medical Debt'],
  ['91', 'Debt Consolidation'],
  ['92', 'Utility Company'],
  ['93', 'Child Support'],
  ['94', 'Spouse Support'],
  ['95', 'Attorney Fees'],
  ['96', 'Checking Account'],
  ['98', 'Credit Granting'],
  ['9A', 'Secured Home Improvement'],
  ['9B', 'Business Line - Personally Guaranteed'],
]);

/** Budget `housingType`: 1 Rented, 2 Own, 3 Live with family. */
export const HOUSING_TYPES: readonly number[] = [1, 2, 3];

/** Budget `groundsOfExemption` codes (1-8 and 99 Other). */
export const GROUNDS_OF_EXEMPTION: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 99];

/** Budget `hardshipReason` codes (2 and 4 are not used). */
export const HARDSHIP_REASONS: readonly number[] = [1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

/** ACH `accountProcessor`: 1 ram, 2 gcs. */
export const ACCOUNT_PROCESSORS: readonly number[] = [1, 2];

/** ACH `bankAccountType`: 1 checking, 2 saving. */
export const BANK_ACCOUNT_TYPES: readonly number[] = [1, 2];

/** Calculator `payFrequency`: 0 Monthly, 1 Semi-monthly, 2 Bi-weekly. */
export const PAY_FREQUENCIES: readonly number[] = [0, 1, 2];
