/**
 * AgencyZoom's id scheme: every record id is an int64 (reference §1.2). The sandbox numbers each
 * kind from its own base, in population order for seeded records and upwards from there for
 * records created through the API, so ids are deterministic and never collide across kinds.
 */
export const ID_BASE = {
  lead: 3_100_000,
  customer: 8_200_000,
  policy: 5_400_000,
  /** The AMS's own policy ids (`amsPolicyId`), a separate id space. */
  amsPolicy: 77_000_000,
  task: 2_480_000,
  file: 6_600_000,
  /** Quotes and opportunities share one sequence. */
  product: 4_500_000,
} as const;

export type IdKind = keyof typeof ID_BASE;

/** Hands out ids per kind, starting at `ID_BASE[kind] + 1`, or after the highest id already used. */
export class IdSequence {
  private readonly last: Record<IdKind, number> = { ...ID_BASE };

  next(kind: IdKind): number {
    this.last[kind] += 1;
    return this.last[kind];
  }

  /** Makes later `next(kind)` calls return ids above `id`. */
  observe(kind: IdKind, id: number): void {
    if (id > this.last[kind]) this.last[kind] = id;
  }
}
