import { addDays, addMonths, isIsoDate } from './dates';
import { invalidParameters } from './errors';
import { compareStamp, compareText, pageOf, readPaging, sortBy } from './paging';
import { phoneEquals, phoneStartsWith } from './phones';
import type { AgencyZoomStore } from './store';
import type { LeadRecord } from './types';
import { BodyReader } from './validation';
import { leadDetail } from './views';

/** Largest `pageSize` of `POST /v1/api/leads/list` (documented). */
export const LEADS_MAX_PAGE_SIZE = 100;

const SORT_FIELDS = ['firstname', 'lastname', 'lastEnterStageDate', 'lastActivityDate'] as const;
type LeadSortField = (typeof SORT_FIELDS)[number];

const COMPARE: Record<LeadSortField, (a: LeadRecord, b: LeadRecord) => number> = {
  firstname: (a, b) => compareText(a.firstname, b.firstname),
  lastname: (a, b) => compareText(a.lastname, b.lastname),
  lastEnterStageDate: (a, b) => compareStamp(a.enterStageDate, b.enterStageDate),
  lastActivityDate: (a, b) => compareStamp(a.lastActivityDate, b.lastActivityDate),
};

type LeadFilter = (lead: LeadRecord) => boolean;

/**
 * `POST /v1/api/leads/list`: filters, sorts and pages the leads (reference §5.1.1).
 * - `customerName`, `customerEmail`, `customerPhone`: case-insensitive prefix match (documented
 *   as prefix); a name matches on the first name, the last name or "first last".
 * - `customerPhoneList`: exact match of the whole number against `phone` or `secondaryPhone`,
 *   digits compared so formatting does not matter; numbers are accepted too (the docs' sample is
 *   `[2834]`). An empty list filters nothing.
 * - `sort`: one of the documented fields; empty or unknown means `lastEnterStageDate`
 *   (documented); `order` defaults to `asc` (inferred from the sample).
 * - `quoteAmount`: the total quoted premium (cents) of all matching leads (inferred).
 * `today` (`yyyy-MM-dd`, agency time) anchors `soldPeriod`.
 */
export function searchLeads(
  store: AgencyZoomStore,
  body: unknown,
  today: string,
): Record<string, unknown> {
  const reader = new BodyReader(body);
  const paging = readPaging(reader, LEADS_MAX_PAGE_SIZE);
  const filters = readLeadFilters(reader, today);
  reader.throwIfInvalid();

  const matches = [...store.leads.values()].filter((lead) => filters.every((f) => f(lead)));
  const sortField = SORT_FIELDS.find((field) => field === paging.sort) ?? 'lastEnterStageDate';
  sortBy(matches, COMPARE[sortField], paging.order ?? 'asc');
  const page = pageOf(matches, paging);
  const matched = new Set(matches.map((lead) => lead.id));
  let quoteAmount = 0;
  for (const quote of store.quotes.values()) {
    if (matched.has(quote.leadId)) quoteAmount += quote.premium;
  }
  return {
    totalCount: page.totalCount,
    page: page.page,
    pageSize: page.pageSize,
    leads: page.items.map((lead) => leadDetail(lead, store)),
    quoteAmount,
  };
}

function readLeadFilters(reader: BodyReader, today: string): LeadFilter[] {
  const filters: LeadFilter[] = [];
  const add = <T>(value: T | null, test: (lead: LeadRecord, value: T) => boolean): void => {
    if (value !== null) filters.push((lead) => test(lead, value));
  };

  add(reader.string('location'), (lead, code) => code === '' || lead.locationCode === code);
  add(reader.integer('id'), (lead, id) => lead.id === id);
  add(reader.integer('assignedTo'), (lead, id) => lead.assignedTo === id);
  add(reader.integer('creator'), (lead, id) => lead.creatorId === id);
  add(reader.integer('status', { oneOf: [0, 1, 2, 3, 4, 5] }), (lead, s) => lead.status === s);
  add(reader.integer('leadSourceId'), (lead, id) => lead.leadSourceId === id);
  add(reader.integer('workflowId'), (lead, id) => lead.workflowId === id);
  add(prefix(reader.string('customerName')), (lead, text) =>
    [lead.firstname, lead.lastname ?? '', `${lead.firstname} ${lead.lastname ?? ''}`].some((n) =>
      n.toLowerCase().startsWith(text),
    ),
  );
  add(prefix(reader.string('customerEmail')), (lead, text) =>
    [lead.email, lead.secondaryEmail ?? ''].some((e) => e.toLowerCase().startsWith(text)),
  );
  add(prefix(reader.string('customerPhone')), (lead, text) =>
    [lead.phone, lead.secondaryPhone].some((p) => phoneStartsWith(p, text)),
  );
  add(readPhoneList(reader), (lead, phones) =>
    phones.some((p) => phoneEquals(lead.phone, p) || phoneEquals(lead.secondaryPhone, p)),
  );
  add(reader.date('startDate', 'iso'), (lead, from) => lead.createDate >= from);
  add(reader.date('endDate', 'iso'), (lead, to) => lead.createDate <= to);
  add(
    reader.date('lastActivityEarliestDate', 'iso'),
    (lead, from) => lead.lastActivityDate.slice(0, 10) >= from,
  );
  add(
    reader.date('lastActivityLatestDate', 'iso'),
    (lead, to) => lead.lastActivityDate.slice(0, 10) <= to,
  );
  add(
    readSoldPeriod(reader, today),
    (lead, [from, to]) => lead.soldDate !== null && lead.soldDate >= from && lead.soldDate <= to,
  );
  add(readStages(reader), (lead, stages) => stages.includes(lead.workflowStageId));
  return filters;
}

/** Lower-cased trimmed prefix; an empty prefix filters nothing. */
function prefix(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.trim().toLowerCase();
  return trimmed === '' ? null : trimmed;
}

function readPhoneList(reader: BodyReader): string[] | null {
  const value = reader.raw('customerPhoneList');
  if (value === undefined || value === null) return null;
  if (
    !Array.isArray(value) ||
    !value.every((p) => typeof p === 'string' || (typeof p === 'number' && Number.isFinite(p)))
  ) {
    reader.problem('customerPhoneList must be an array of phone numbers');
    return null;
  }
  return value.length === 0 ? null : value.map(String);
}

/** `workflowStageId`: stage ids separated by `/`, each `12` or `stg12`. */
function readStages(reader: BodyReader): number[] | null {
  const text = reader.string('workflowStageId');
  if (text === null || text.trim() === '') return null;
  const stages: number[] = [];
  for (const part of text.split('/')) {
    const match = /^\s*(?:stg)?(\d+)\s*$/i.exec(part);
    if (!match) {
      reader.problem('workflowStageId must be stage ids separated by "/", e.g. stg2/stg3');
      return null;
    }
    stages.push(Number(match[1]));
  }
  return stages;
}

/**
 * `soldPeriod` as an inclusive `[from, to]` day range: the documented enum plus the values the
 * description names (`thisweek`, `lastweek`, `qtd`, `YYYY-MM-DD|YYYY-MM-DD`). Weeks start on
 * Sunday (inferred).
 */
function readSoldPeriod(reader: BodyReader, today: string): [string, string] | null {
  const text = reader.string('soldPeriod');
  if (text === null || text.trim() === '') return null;
  const range = soldPeriodRange(text.trim(), today);
  if (!range) {
    reader.problem(
      'soldPeriod must be today, yesterday, thisweek, lastweek, mtd, lastmonth, qtd, ytd, lastyear or YYYY-MM-DD|YYYY-MM-DD',
    );
  }
  return range;
}

export function soldPeriodRange(period: string, today: string): [string, string] | null {
  const monthStart = `${today.slice(0, 8)}01`;
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const weekStart = addDays(today, -new Date(`${today}T00:00:00Z`).getUTCDay());
  const quarterMonth = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
  switch (period.toLowerCase()) {
    case 'today':
      return [today, today];
    case 'yesterday':
      return [addDays(today, -1), addDays(today, -1)];
    case 'thisweek':
      return [weekStart, today];
    case 'lastweek':
      return [addDays(weekStart, -7), addDays(weekStart, -1)];
    case 'mtd':
      return [monthStart, today];
    case 'lastmonth':
      return [addMonths(monthStart, -1), addDays(monthStart, -1)];
    case 'qtd':
      return [`${today.slice(0, 5)}${String(quarterMonth).padStart(2, '0')}-01`, today];
    case 'ytd':
      return [yearStart, today];
    case 'lastyear':
      return [addMonths(yearStart, -12), addDays(yearStart, -1)];
    default: {
      const [from, to, extra] = period.split('|');
      if (extra !== undefined || !from || !to || !isIsoDate(from) || !isIsoDate(to)) return null;
      if (from > to) throw invalidParameters('soldPeriod range must start before it ends');
      return [from, to];
    }
  }
}
