/**
 * Fixed word lists for the Americor seed. Names and addresses are fictional; phones use the 555
 * exchange and emails the reserved `.example` domain.
 */

/** Americor staff the seeded leads are assigned to. */
export const SALES_REP_NAMES = [
  'Kate Morrison',
  'Marcus Bell',
  'Priya Shah',
  'Diego Alvarez',
  'Hannah Cole',
  'Tobias Reed',
  'Naomi Fischer',
  'Owen Castillo',
] as const;

/** Creditors a debt-relief client typically enrolls, with made-up member codes in the documented shape. */
export const CREDITORS = [
  { name: 'CHASE CARD', memberCode: '026QK001', debtType: '18' },
  { name: 'CAPITAL ONE', memberCode: '031CP114', debtType: '18' },
  { name: 'DISCOVER FIN SVCS', memberCode: '044DF207', debtType: '18' },
  { name: 'CITI CARDS', memberCode: '052CT390', debtType: '18' },
  { name: 'SYNCHRONY BANK', memberCode: '067SY018', debtType: '07' },
  { name: 'BARCLAYS BANK DELAWARE', memberCode: '071BD552', debtType: '18' },
  { name: 'AMEX', memberCode: '083AX061', debtType: '8A' },
  { name: 'LENDINGCLUB CORP', memberCode: '095LC330', debtType: '01' },
  { name: 'UPGRADE INC', memberCode: '102UG476', debtType: '01' },
  { name: 'BEST EGG', memberCode: '118BE209', debtType: '01' },
  { name: 'MIDLAND CREDIT MGMT', memberCode: '124MC881', debtType: '48' },
  { name: 'REGIONAL MEDICAL CENTER', memberCode: '137RM045', debtType: '90' },
] as const;

/** Banks for the seeded ACH data (escrow drafts). */
export const BANKS = [
  {
    name: 'FIRST COMMUNITY BANK',
    address: '100 MAIN STREET',
    city: 'Columbus',
    state: 'OH',
    zip: 43215,
    phone: '+16145550110',
  },
  {
    name: 'PACIFIC COAST CREDIT UNION',
    address: '2200 HARBOR BLVD',
    city: 'San Diego',
    state: 'CA',
    zip: 92101,
    phone: '+16195550122',
  },
  {
    name: 'LIBERTY SAVINGS BANK',
    address: '45 STATE STREET',
    city: 'Boston',
    state: 'MA',
    zip: 2108,
    phone: '+16175550133',
  },
  {
    name: 'LONE STAR NATIONAL BANK',
    address: '800 CONGRESS AVE',
    city: 'Austin',
    state: 'TX',
    zip: 78701,
    phone: '+15125550144',
  },
  {
    name: 'EVERGREEN FEDERAL',
    address: '1500 PINE STREET',
    city: 'Seattle',
    state: 'WA',
    zip: 98101,
    phone: '+12065550155',
  },
] as const;

export const HARDSHIP_DETAILS = [
  'Hours were cut at work and the card minimums kept growing.',
  'Unexpected medical bills after a hospital stay.',
  'Lost my job last year and used cards to cover rent.',
  'Divorce left me with the joint card balances.',
  'Family member needed care and I took unpaid leave.',
  'Car repairs and a roof leak in the same quarter.',
] as const;

export const LEAD_ORIGINS = ['Partner portal', 'Inbound call', 'Web form', 'Referral'] as const;
