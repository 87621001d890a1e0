import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a .cpuprofile (V8 sampling profile) says dominates: self time by package, top functions. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Sampled time not idle. */
  busyMs: number;
  /** Share of non-idle samples by where the code lives (self time). */
  byPackage: Array<{ name: string; share: number }>;
  /** Functions by self time. */
  topSelf: Array<{ name: string; share: number }>;
  /** Frames of the app and its libs by inclusive time (on the stack at all). */
  topInclusive: Array<{ name: string; share: number }>;
}

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  // The only WebAssembly in these services: Prisma's query compiler (engine-free client).
  if (url.startsWith('wasm://')) return 'wasm (Prisma query compiler)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const app = /dist\/((?:apps|libs)\/[^/]+)/.exec(url);
  return app ? app[1] : url;
}

const frameName = (n: ProfileNode): string => {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url.replace(/^.*\/(node_modules|dist)\//, '');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
};

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));

  const idle = new Set(['(idle)', '(program)']);
  let busy = 0;
  let total = 0;
  const pkg = new Map<string, number>();
  const fnSelf = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    total += us;
    if (idle.has(n.callFrame.functionName)) continue;
    busy += us;
    const k = packageOf(n.callFrame.url, n.callFrame.functionName);
    pkg.set(k, (pkg.get(k) ?? 0) + us);
    fnSelf.set(frameName(n), (fnSelf.get(frameName(n)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!;
      if (!/dist\/(apps|libs)\//.test(f.callFrame.url)) continue;
      const name = frameName(f);
      if (seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, share: Math.round((us / busy) * 1000) / 10 }));
  return {
    file,
    totalMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    byPackage: rank(pkg),
    topSelf: rank(fnSelf),
    topInclusive: rank(incl),
  };
}

/** Every profile under dir/<service>/*.cpuprofile. */
export function summarizeProfiles(dir: string): Record<string, ProfileSummary[]> {
  const out: Record<string, ProfileSummary[]> = {};
  let services: string[] = [];
  try {
    services = readdirSync(dir);
  } catch {
    return out;
  }
  for (const s of services) {
    out[s] = readdirSync(join(dir, s))
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => summarizeProfile(join(dir, s, f)));
  }
  return out;
}

export function profileMarkdown(all: Record<string, ProfileSummary[]>): string {
  const out = ['# CPU profiles', ''];
  for (const [service, list] of Object.entries(all)) {
    for (const p of list) {
      const s = (ms: number) => Math.round(ms / 1000);
      out.push(`## ${service} (${s(p.totalMs)} s sampled, ${s(p.busyMs)} s of it busy)`, '');
      const table = (title: string, rows: Array<{ name: string; share: number }>) => [
        `| ${title} | % of busy CPU |`,
        '| --- | ---: |',
        ...rows.map((r) => `| \`${r.name}\` | ${r.share} |`),
        '',
      ];
      out.push(...table('Self time by package', p.byPackage));
      out.push(...table('Functions by self time', p.topSelf));
      out.push(
        ...table('App and lib frames by inclusive time (synchronous stacks only)', p.topInclusive),
      );
    }
  }
  return out.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const target = args.find((a) => !a.startsWith('--')) ?? join(__dirname, '../results/tmp/profile');
  const res = target.endsWith('.cpuprofile')
    ? { profile: [summarizeProfile(target)] }
    : summarizeProfiles(target);
  console.log(json ? JSON.stringify(res, null, 2) : profileMarkdown(res));
}
