/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: self time by package
 * or app folder, the heaviest functions by self time, and by inclusive time (the function and
 * everything it called: what renderToPipeableStream, a loader or the data encoder cost in all).
 *
 * Usage: tsx scripts/bench/profile-summary.ts <file> [last-seconds]. With last-seconds only the
 * samples of the profile's final seconds count (the load window; start-up left out).
 */
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
const file = process.argv[2];
if (!file) throw new Error("usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile> [last-seconds]");
const windowSeconds = Number(process.argv[3] ?? 0);
const profile = JSON.parse(readFileSync(file, "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};
const from = windowSeconds > 0 ? profile.endTime - windowSeconds * 1e6 : Number.NEGATIVE_INFINITY;

const parent = new Map<number, number>();
const byId = new Map<number, Node>();
for (const n of profile.nodes) {
  byId.set(n.id, n);
  for (const c of n.children ?? []) parent.set(c, n.id);
}

function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return url.split("/")[0];
  const app = /\/(app|db|build\/server|scripts)\//.exec(url);
  return app ? app[1] : url;
}
const label = (n: Node) =>
  `${n.callFrame.functionName || "(anonymous)"} ${area(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;

const self = new Map<number, number>();
let t = profile.startTime;
for (const [i, id] of profile.samples.entries()) {
  const d = profile.timeDeltas[i] ?? 0;
  t += d;
  if (t < from) continue;
  self.set(id, (self.get(id) ?? 0) + d);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, time] of self) {
  const n = byId.get(id)!;
  const a = area(n.callFrame.url, n.callFrame.functionName);
  byArea.set(a, (byArea.get(a) ?? 0) + time);
  byFunction.set(label(n), (byFunction.get(label(n)) ?? 0) + time);
  // Each function on the stack once (recursion counted once).
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + time);
  }
}
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${name}`);
const idle = (byArea.get("(idle)") ?? 0) / total;
console.log(
  `samples over ${(total / 1e6).toFixed(1)} s (${(100 * idle).toFixed(0)}% idle)\nby area (self):\n${top(byArea, 15).join("\n")}\nby function (self):\n${top(byFunction, 25).join("\n")}\nby function (inclusive):\n${top(
    new Map([...inclusive].filter(([l]) => !l.startsWith("(root)") && !l.startsWith("(program)"))),
    45,
  ).join("\n")}`,
);
