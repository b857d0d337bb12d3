/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: self time by package
 * or app folder, and the heaviest functions. Usage: tsx scripts/bench/profile-summary.ts <file>
 */
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
const file = process.argv[2];
if (!file) throw new Error("usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile>");
const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return url.split("/")[0];
  const app = /\/(app|db|build\/server|scripts)\//.exec(url);
  return app ? app[1] : url;
}
const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const n of profile.nodes) {
  const t = self.get(n.id) ?? 0;
  if (!t) continue;
  const a = area(n.callFrame.url, n.callFrame.functionName);
  byArea.set(a, (byArea.get(a) ?? 0) + t);
  const f = `${n.callFrame.functionName || "(anonymous)"} ${a}:${n.callFrame.lineNumber + 1}`;
  byFunction.set(f, (byFunction.get(f) ?? 0) + t);
}
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, t]) => `  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`);
console.log(
  `self time ${(total / 1e6).toFixed(1)} s\nby area:\n${top(byArea, 15).join("\n")}\nby function:\n${top(byFunction, 25).join("\n")}`,
);
