import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './processes';
import { round } from './stats';

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  /** Microseconds since the previous sample (the first: since `startTime`). */
  timeDeltas: number[];
  /** Microseconds, on the profiler's own clock. */
  startTime: number;
  endTime: number;
}

/** The part of a profile to read, as ms before the profile's end (the process exit). */
export interface ProfileWindow {
  fromMsBeforeEnd: number;
  toMsBeforeEnd: number;
}

export interface ProfileSummary {
  /** Self time by part of the stack, largest first. */
  components: ProfileEntry[];
  /** Self time by place, the largest `top`. */
  places: ProfileEntry[];
}

export interface ProfileEntry {
  /** A package (`graphql`, `@apollo/server`), a repository file, a Node module or a V8 bucket. */
  where: string;
  /** Share of the profiled CPU time spent in it (its own code, not its callees). */
  share: number;
}

/** Parts of the stack a reader acts on, by the places (see `placeOf`) that belong to them. */
const COMPONENTS: { name: string; test: (place: string) => boolean }[] = [
  {
    name: 'SQLite stores (sqlite3, keyv)',
    test: (p) => p === 'sqlite3' || p === 'keyv' || p.startsWith('@keyv/'),
  },
  {
    name: 'GraphQL (graphql, Apollo Server, graphql-tools)',
    test: (p) => p === 'graphql' || p.startsWith('@apollo/') || p.startsWith('@graphql-tools/'),
  },
  {
    name: 'HTTP (Fastify, undici, Node http/net)',
    test: (p) =>
      /^(fastify|@fastify\/|undici|find-my-way|light-my-request|avvio)/.test(p) ||
      /^node:(_http|http|net|internal\/(http|stream|net))/.test(p) ||
      p.startsWith('node:internal/streams'),
  },
  {
    name: 'logging (pino)',
    test: (p) => /^(pino|sonic-boom|fast-redact|thread-stream|@pinojs\/)/.test(p),
  },
  { name: 'metrics (prom-client)', test: (p) => p === 'prom-client' },
  {
    name: 'gateway code (src, resolvers, datasources)',
    test: (p) => /^(src|resolvers|datasources)\//.test(p),
  },
  {
    name: 'native code V8 does not attribute (add-ons such as sqlite3, libuv, V8 itself)',
    test: (p) => p === '(program)',
  },
  { name: 'garbage collection', test: (p) => p === '(garbage collector)' },
];

/** Where a frame's code lives, at the granularity a reader acts on. */
function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName || '(anonymous)';
  if (url.startsWith('node:')) return url;
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? file);
  }
  return path.relative(REPO_ROOT, file);
}

/**
 * Self time by place in the one profile found in `dir`, within `window` (so start-up and
 * shutdown are left out), largest first, idle time left out. Null when no profile was written.
 */
export async function summarizeProfile(
  dir: string,
  window: ProfileWindow,
  top = 12,
): Promise<ProfileSummary | null> {
  const file = (await readdir(dir).catch(() => [])).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return null;
  const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
  const placeById = new Map(
    profile.nodes.map((node) => [
      node.id,
      placeOf(node.callFrame.url, node.callFrame.functionName),
    ]),
  );
  const fromUs = profile.endTime - window.fromMsBeforeEnd * 1000;
  const toUs = profile.endTime - window.toMsBeforeEnd * 1000;
  const selfUs = new Map<string, number>();
  let atUs = profile.startTime;
  profile.samples.forEach((id, i) => {
    const deltaUs = profile.timeDeltas[i] ?? 0;
    atUs += deltaUs;
    if (atUs < fromUs || atUs > toUs) return;
    const place = placeById.get(id) ?? '(unknown)';
    selfUs.set(place, (selfUs.get(place) ?? 0) + deltaUs);
  });
  selfUs.delete('(idle)');
  const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  if (total === 0) return null;
  const byComponent = new Map<string, number>();
  for (const [place, us] of selfUs) {
    const component = COMPONENTS.find((c) => c.test(place))?.name ?? 'other';
    byComponent.set(component, (byComponent.get(component) ?? 0) + us);
  }
  const entries = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([where, us]) => ({ where, share: round(us / total, 3) }));
  return { components: entries(byComponent), places: entries(selfUs).slice(0, top) };
}
