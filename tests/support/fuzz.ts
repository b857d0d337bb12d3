import { readFileSync, existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { rowsOf, type Db } from "../../db/client";
import { sessions, users } from "../../db/schema";
import { ROLES, type Role } from "../../db/schema/enums";
import { createSession } from "../../app/domain/auth/sessions.server";
import { hashToken } from "../../app/lib/tokens.server";
import { SESSION_COOKIE } from "../../app/lib/session-cookie.server";
import { SEEDED_USER_OF, type Who } from "./access";

/**
 * A seeded fuzzer over every loader and action in app/routes.ts, through HTTP against the real
 * portal. Each case is drawn from its own seed (the run's seed and the case number), so a
 * failing case is printed as `FUZZ_SEED=<seed> FUZZ_ONLY=<case>` and replays alone.
 *
 * What it sends: malformed bodies and content types, junk query strings, odd headers and cookies,
 * ids that are real rows some of the time and broken the rest, intents and field names read from
 * the route files plus junk, as every role and anonymously. What it demands: no 5xx (but a
 * deliberate 503) and no stack trace or SQL in any body; what the server logged comes along.
 */

const appDir = path.resolve(import.meta.dirname, "../../app");
export const WHO: readonly Who[] = [...ROLES, "anonymous"];

// ---------------------------------------------------------------------------------------------
// What the route files say: parameters, intents, field and query names.

export type RouteInfo = {
  pattern: string;
  file: string;
  params: string[];
  hasAction: boolean;
  intents: string[];
  fields: string[];
  query: string[];
};

function walk(entries: RouteConfigEntry[], parent = ""): Array<{ pattern: string; file: string }> {
  const out: Array<{ pattern: string; file: string }> = [];
  for (const e of entries) {
    const here = e.path ? (e.path.startsWith("/") ? e.path : `${parent.replace(/\/$/, "")}/${e.path}`) : parent || "/";
    if (e.index || e.path) out.push({ pattern: here, file: e.file });
    if (e.children?.length) out.push(...walk(e.children, e.path ? here : parent));
  }
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(appDir, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const f = base + ext;
    if (existsSync(f) && /\.tsx?$/.test(f)) return f;
  }
  return null;
}

const matches = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]);

/** Names a route's forms and query strings use, read from its file and the modules it imports. */
function vocabulary(file: string): Pick<RouteInfo, "hasAction" | "intents" | "fields" | "query"> {
  const full = path.join(appDir, file);
  const own = readFileSync(full, "utf8");
  const imported = matches(own, /from "([~.][^"]+)"/g)
    .filter((s) => !/^~\/(lib|i18n)\/|^~\/components\/ui/.test(s))
    .map((s) => resolveImport(full, s))
    .filter((f): f is string => f !== null);
  const near = imported.filter((f) => path.dirname(f) === path.dirname(full));
  const all = [own, ...imported.map((f) => readFileSync(f, "utf8"))].join("\n");
  const local = [own, ...near.map((f) => readFileSync(f, "utf8"))].join("\n");
  const fields = new Set<string>([
    ...matches(all, /\bname="([^"{}\s]+)"/g),
    ...matches(all, /formData\.get(?:All)?\("([^"]+)"\)/g),
    ...matches(all, /^\s*([A-Za-z_]\w*)\s*:\s*(?:z\.|idField\b|\w+Field\b|\w+Schema\b)/gm),
  ]);
  fields.delete("intent");
  return {
    hasAction: /export (async )?function action\b|export const action\b/.test(own),
    // Every short snake_case literal near the action: the real intents are among them.
    intents: [...new Set(matches(local, /"([a-z][a-z0-9_]{1,40})"/g))],
    fields: [...fields],
    query: [...new Set([...matches(all, /searchParams\.get(?:All)?\("([^"]+)"\)/g), ...matches(own, /[?&]([a-z_]+)=/g)])],
  };
}

export function routeInfos(config: RouteConfigEntry[]): RouteInfo[] {
  return walk(config).map(({ pattern, file }) => ({
    pattern,
    file,
    params: matches(pattern, /:(\w+)/g),
    ...vocabulary(file),
  }));
}

// ---------------------------------------------------------------------------------------------
// Real ids of seeded rows, in insertion order (stable for a seed), for parameters and id fields.

const PARAM_TABLES: Record<string, string[]> = {
  orgId: ["organisations"],
  contestId: ["contests"],
  participantId: ["users"],
  claimId: ["claims"],
  rewardId: ["rewards"],
  orderId: ["orders"],
  courseId: ["courses"],
  lessonId: ["course_lessons"],
  attemptId: ["quiz_attempts"],
  webinarId: ["webinars"],
  certificateId: ["certificates"],
  imageId: ["reward_images", "course_images"],
  emailId: ["email_outbox"],
  id: ["email_outbox"],
};

export type IdPools = Map<string, string[]>;

/** Ids per table; the fuzzer's own accounts are left out, so it never deactivates itself. */
export async function idPools(db: Db, keep: readonly string[]): Promise<IdPools> {
  const tables = rowsOf<{ t: string }>(
    await db.execute(
      sql`select table_name as t from information_schema.columns where table_schema = 'public' and column_name = 'id' and data_type = 'uuid' order by table_name`,
    ),
  );
  const pools: IdPools = new Map();
  for (const { t } of tables) {
    const rows = rowsOf<{ id: string }>(await db.execute(sql`select id::text as id from ${sql.identifier(t)} order by ctid limit 40`));
    const ids = rows.map((r) => r.id).filter((id) => !keep.includes(id));
    if (ids.length) pools.set(t, ids);
  }
  return pools;
}

function tablesFor(name: string, pools: IdPools): string[] {
  if (PARAM_TABLES[name]) return PARAM_TABLES[name].filter((t) => pools.has(t));
  // userId -> users, productIds -> products, categoryId -> shop_categories ...
  const stem = name
    .replace(/Ids?$/, "")
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    .replace(/^_/, "");
  if (!stem) return [];
  const plural = stem.endsWith("y") ? `${stem.slice(0, -1)}ies` : `${stem}s`;
  if (/manager|participant|member|person/.test(stem)) return ["users"];
  return [...pools.keys()].filter((t) => t === plural || t.endsWith(`_${plural}`) || t === stem);
}

// ---------------------------------------------------------------------------------------------
// Values.

/** Words our own input must not carry, or the body check would find them echoed back. */
const MARKER_IN_INPUT = /select |insert into|syntax error|violates|postgreserror|drizzle|node_modules|\.tsx?:|\s{4}at /gi;
const clean = (s: string) => s.replace(MARKER_IN_INPUT, "x");

const LONG = (n: number, c = "a") => c.repeat(n);

const MALFORMED_IDS = [
  "-".repeat(36),
  "not-an-id",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "%00",
  "a%00b",
  "0",
  "-1",
  "1e309",
  "NaN",
  "null",
  "undefined",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
  "%",
  "%zz",
  "%E0%A4%A",
  "%C0%AF",
  "..",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  encodeURIComponent("ünïcødé-ñame"),
  encodeURIComponent("💥🚀"),
  encodeURIComponent("' or 1=1 --"),
  encodeURIComponent("<script>alert(1)</script>"),
  LONG(3000),
  LONG(200, "%00"),
  "%20",
  "%0A",
  "a%2Fb",
];

/** A path segment or id field value: a real row id (sometimes of the wrong kind) or a broken one. */
function idArb(tables: string[], pools: IdPools, forPath: boolean): fc.Arbitrary<string> {
  const right = tables.flatMap((t) => pools.get(t) ?? []);
  const any = [...pools.values()].flat();
  const broken = fc.constantFrom(...MALFORMED_IDS).map((v) => (forPath ? v : safeDecode(v)));
  const twisted = fc
    .constantFrom(...(right.length ? right : any))
    .chain((id) =>
      fc
        .constantFrom(id.toUpperCase(), `${id}x`, id.slice(1), `{${id}}`, ` ${id}`, `${id}%00`, id.replace(/-/g, ""))
        .map((v) => (forPath ? encodeURI(v) : safeDecode(v))),
    );
  const arbs: Array<fc.WeightedArbitrary<string>> = [
    { arbitrary: broken, weight: 4 },
    { arbitrary: twisted, weight: 1 },
  ];
  if (right.length) arbs.push({ arbitrary: fc.constantFrom(...right), weight: 6 });
  if (any.length) arbs.push({ arbitrary: fc.constantFrom(...any), weight: 1 });
  return fc.oneof(...arbs);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const JUNK_STRINGS = [
  "",
  " ",
  "0",
  "-1",
  "1",
  "1.5",
  "-0",
  "1e309",
  "NaN",
  "Infinity",
  "99999999999999999999999",
  "2147483648",
  "-2147483649",
  "0x1F",
  "1_000",
  "١٢٣",
  "true",
  "false",
  "on",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"a":1}',
  "__proto__",
  "constructor",
  "toString",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "9999-12-31",
  "275760-09-13",
  "1970-01-01",
  "2026-12-01T25:61:00",
  "yesterday",
  "a@b",
  "@",
  "user@example.com",
  "' OR '1'='1",
  "'; drop table users; --",
  "\\",
  "%",
  "%00",
  "\u0000",
  "a\u0000b",
  "\r\n",
  "<script>alert(1)</script>",
  "=cmd|' /C calc'!A0",
  "💥",
  "\u202e\u200b\ufeff",
  "Ω≈ç√∫˜µ≤≥÷",
  "ru",
  "en",
  "xx",
];

function valueArb(name: string, info: RouteInfo, pools: IdPools): fc.Arbitrary<string> {
  if (/ids?$/i.test(name) && name.length > 2) return idArb(tablesFor(name, pools), pools, false);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...JUNK_STRINGS), weight: 6 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }).map(clean), weight: 3 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 20 }).map(clean), weight: 1 },
    { arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000_000 }).map(String), weight: 2 },
    { arbitrary: fc.double({ noNaN: false }).map(String), weight: 1 },
    { arbitrary: fc.constantFrom(...(info.intents.length ? info.intents : ["x"])), weight: 2 },
    { arbitrary: idArb([], pools, false), weight: 1 },
    { arbitrary: fc.constantFrom(300, 5_000, 70_000).map((n) => LONG(n, "é")), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Cases.

export type Body =
  | { kind: "none" }
  | { kind: "urlencoded"; fields: Array<[string, string]> }
  | { kind: "multipart"; fields: Array<[string, string]>; files: Array<{ field: string; filename: string; type: string; content: string }> }
  | { kind: "json"; text: string }
  | { kind: "raw"; contentType: string | null; text: string }
  | { kind: "big"; contentType: string; bytes: number };

export type CookieMode = "session" | "none" | "junk-only" | "junk-and-session" | "bad-session" | "twice";

export type FuzzCase = {
  who: Who;
  route: string;
  method: string;
  path: string;
  cookie: { mode: CookieMode; junk: string };
  headers: Record<string, string>;
  body: Body;
};

const JUNK_FIELD_NAMES = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "a[b]",
  "a[]",
  "",
  " ",
  "%",
  "intent ",
  "INTENT",
  "x".repeat(300),
  "ñ",
  "lines[0].sku",
  "lines.0.quantity",
  "_form",
  "redirectTo",
];
const JUNK_INTENTS = [
  "",
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "APPROVE",
  "approve ",
  " ",
  "%00",
  "\u0000",
  "x".repeat(1000),
  "null",
  "undefined",
  "💥",
];
const JUNK_QUERY_KEYS = [
  "__proto__",
  "constructor",
  "_data",
  "index",
  "_routes",
  "redirectTo",
  "q",
  "%",
  "a[]",
  "a[b]",
  "page",
  "status",
  "locale",
  "org",
  "user",
  "edit",
  "category",
  "sort",
  "limit",
  "offset",
];

const HEADER_CHARS = fc.constantFrom(..."abcXYZ019 -_.,;:=/\\\"'()<>@?[]{}*%#&+!~`|^$\t".split(""), "é", "ÿ", "\u0080");
const headerText = (max: number) => fc.string({ unit: HEADER_CHARS, maxLength: max }).map(clean);

function headersArb(base: string): fc.Arbitrary<Record<string, string>> {
  const accept = fc.oneof(
    fc.constantFrom(
      "*/*",
      "text/html",
      "application/json",
      "text/x-script",
      "text/html;q=0",
      "",
      ";;;",
      "*/*;q=abc",
      "application/xhtml+xml,text/*;q=0.1",
      "image/*",
      "text/csv",
      "text/vnd.turbo-stream.html",
    ),
    headerText(200),
    fc.constant(LONG(1500, "x/y,")),
  );
  const language = fc.oneof(
    fc.constantFrom("ru", "en", "*", "xx-YY", "ru;q=abc", "en-GB,en;q=0.9,ru;q=2", ",,", "zh-Hant-TW-x-private"),
    headerText(100),
  );
  // Mostly this site's own origin, so mutations get past the cross-site guard to the actions.
  const origin = fc.option(
    fc.oneof(
      { arbitrary: fc.constant(base), weight: 12 },
      { arbitrary: fc.constantFrom("null", "http://evil.example", "not a url", "http://127.0.0.1:1"), weight: 1 },
    ),
    { freq: 10 },
  );
  const optional = fc.record(
    {
      accept,
      "accept-language": language,
      "sec-fetch-site": fc.constantFrom("same-origin", "cross-site", "none", "junk"),
      "sec-fetch-mode": fc.constantFrom("navigate", "cors", "junk"),
      range: fc.constantFrom("bytes=0-1", "bytes=abc", "bytes=99999999-", "bytes=-0", "items=1-2", "bytes=5-1"),
      "if-none-match": fc.oneof(fc.constantFrom("*", '"x"', "W/", ""), headerText(60)),
      "if-modified-since": fc.constantFrom("Wed, 21 Oct 2015 07:28:00 GMT", "garbage", "", "Thu, 01 Jan 1970 00:00:00 GMT"),
      "x-forwarded-for": fc.constantFrom("1.2.3.4", "not-an-ip", "::1, 10.0.0.1", ""),
      "x-forwarded-host": fc.constantFrom("evil.example", "", "a:b:c"),
      "x-forwarded-proto": fc.constantFrom("https", "gopher", ""),
      "user-agent": fc.oneof(fc.constantFrom("Googlebot/2.1", "curl/8", ""), headerText(100), fc.constant(LONG(4000))),
      referer: fc.oneof(fc.constantFrom(`${base}/home`, "http://evil.example/", "::::"), headerText(60)),
      "x-requested-with": fc.constant("XMLHttpRequest"),
    },
    { requiredKeys: [] },
  );
  return fc.tuple(origin, optional).map(([o, rest]) => (o === null ? rest : { origin: o, ...rest }));
}

const COOKIE_JUNK = [
  "%",
  "a=%",
  `${SESSION_COOKIE}=%`,
  "portal_locale=%E0%A4%A",
  "portal_locale=xx",
  "portal_locale=ru",
  "=",
  ";;",
  "a",
  "__proto__=1",
  `${SESSION_COOKIE}=${"0".repeat(64)}`,
  `x=${LONG(7000)}`,
  'a="b',
  "a=b=c=%zz",
];

function bodyArb(info: RouteInfo, pools: IdPools): fc.Arbitrary<Body> {
  const name = fc.oneof(
    { arbitrary: fc.constantFrom(...(info.fields.length ? info.fields : ["x"])), weight: 6 },
    { arbitrary: fc.constantFrom(...JUNK_FIELD_NAMES), weight: 1 },
  );
  const field = name.chain((n) => valueArb(n, info, pools).map((v) => [n, v] as [string, string]));
  const intent = fc.oneof(
    { arbitrary: fc.constantFrom(...(info.intents.length ? info.intents : ["x"])), weight: 5 },
    { arbitrary: fc.constantFrom(...JUNK_INTENTS), weight: 2 },
  );
  const fields = fc.tuple(fc.option(intent, { freq: 4 }), fc.array(field, { maxLength: 10 }), fc.boolean()).map(([i, rest, twice]) => {
    const out: Array<[string, string]> = i === null ? [] : [["intent", i]];
    if (twice && i !== null) out.push(["intent", "approve"]);
    return [...out, ...rest];
  });
  const file = fc.record({
    field: fc.oneof(fc.constantFrom(...(info.fields.length ? info.fields : ["file"])), fc.constantFrom("file", "evidence", "image", "csv")),
    filename: fc.constantFrom("invoice.pdf", "a.png", "", "../../etc/passwd", "ünï.csv", "x".repeat(300), 'a"b.pdf', "%00.png"),
    type: fc.constantFrom(
      "application/pdf",
      "image/png",
      "image/jpeg",
      "text/csv",
      "application/octet-stream",
      "",
      "text/html",
      "image/svg+xml",
    ),
    content: fc.oneof(
      fc.constantFrom(
        "",
        "%PDF-1.4\n%%EOF",
        "\x89PNG\r\n\x1a\n",
        "name,email,role\nA,a@b,admin\n",
        "\ufeffa;b\n1;2",
        "<svg onload=alert(1)>",
        "GIF89a",
      ),
      fc.string({ maxLength: 200 }).map(clean),
    ),
  });
  return fc.oneof(
    { arbitrary: fields.map((f): Body => ({ kind: "urlencoded", fields: f })), weight: 10 },
    {
      arbitrary: fc.tuple(fields, fc.array(file, { maxLength: 2 })).map(([f, files]): Body => ({ kind: "multipart", fields: f, files })),
      weight: 5,
    },
    { arbitrary: fields.map((f): Body => ({ kind: "json", text: JSON.stringify(Object.fromEntries(f)) })), weight: 2 },
    {
      arbitrary: fc
        .record({
          contentType: fc.constantFrom(
            null,
            "text/plain",
            "application/xml",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=xyz",
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-7",
            "application/json",
            "application/json; charset=latin1",
            "garbage",
            ";",
            'text/html; charset="',
          ),
          text: fc.oneof(
            fc.constantFrom(
              "",
              "a=%zz&%&=&&intent=%E0%A4%A",
              '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n',
              "--xyz--",
              "{",
              "[1,2",
              "null",
              '{"intent":"approve","__proto__":{"x":1}}',
              "\u0000\u0001",
              "intent=approve&intent=reject",
            ),
            fc.string({ maxLength: 300 }).map(clean),
          ),
        })
        .map((r): Body => ({ kind: "raw", ...r })),
      weight: 4,
    },
    { arbitrary: fc.constant<Body>({ kind: "none" }), weight: 1 },
    {
      arbitrary: fc
        .record({
          contentType: fc.constantFrom(
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "application/json",
            "text/plain",
          ),
          bytes: fc.constantFrom(300_000, 1_100_000, 3_000_000),
        })
        .map((r): Body => ({ kind: "big", ...r })),
      weight: 1,
    },
  );
}

function queryArb(info: RouteInfo, pools: IdPools): fc.Arbitrary<string> {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...(info.query.length ? info.query : ["q"])), weight: 3 },
    { arbitrary: fc.constantFrom(...JUNK_QUERY_KEYS), weight: 2 },
  );
  const value = fc.oneof(
    { arbitrary: valueArb("q", info, pools).map(encodeURIComponent), weight: 5 },
    { arbitrary: idArb([], pools, true), weight: 2 },
    { arbitrary: fc.constantFrom("%", "%zz", "%E0%A4%A", "%00", "a+b", "&&", "=", "%25"), weight: 2 },
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join("&")}` : ""));
}

export function caseArb(routes: RouteInfo[], pools: IdPools, base: string): fc.Arbitrary<FuzzCase> {
  const withAction = routes.filter((r) => r.hasAction);
  const method = fc.constantFrom("GET", "GET", "GET", "GET", "POST", "POST", "POST", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS");
  return fc.tuple(method, fc.nat(99)).chain(([m, pick]) => {
    // Mutations mostly go to routes that have an action; every route still gets some.
    const pool = m !== "GET" && m !== "HEAD" && pick < 80 ? withAction : routes;
    return fc.constantFrom(...pool).chain((info) => {
      const params = fc.tuple(...info.params.map((p) => idArb(PARAM_TABLES[p] ? tablesFor(p, pools) : [], pools, true)));
      const suffix = fc.constantFrom("", "", "", "", "", "", ".data", ".data", "/", "//");
      const sendsBody = m === "POST" || m === "PUT" || m === "PATCH" || m === "DELETE";
      return fc.record({
        who: fc.constantFrom(...WHO),
        route: fc.constant(info.pattern),
        method: fc.constant(m),
        path: fc.tuple(params, suffix, queryArb(info, pools)).map(([values, sfx, q]) => {
          let p = info.pattern;
          info.params.forEach((name, i) => {
            p = p.replace(`:${name}`, values[i] || "x");
          });
          if (sfx === ".data") p = p === "/" ? "/_root.data" : `${p}.data`;
          else p += sfx;
          return p + q;
        }),
        cookie: fc.record({
          mode: fc.constantFrom<CookieMode>(
            "session",
            "session",
            "session",
            "session",
            "session",
            "session",
            "none",
            "junk-only",
            "junk-and-session",
            "bad-session",
            "twice",
          ),
          junk: fc.constantFrom(...COOKIE_JUNK),
        }),
        headers: headersArb(base),
        body: sendsBody ? bodyArb(info, pools) : fc.constant<Body>({ kind: "none" }),
      });
    });
  });
}

/** The case with number `n` of a run with `seed`: drawn from a seed of its own. */
export function drawCase(arb: fc.Arbitrary<FuzzCase>, seed: number, n: number): FuzzCase {
  return fc.sample(arb, { seed: (Math.imul(seed ^ 0x9e3779b9, 31) + n * 2654435761) | 0, numRuns: 1 })[0];
}

// ---------------------------------------------------------------------------------------------
// Sessions: one sign-in per role, reused; signed in again only when a case ended the session.

export class Sessions {
  private tokens = new Map<Who, string>();
  readonly userIds = new Map<Role, string>();
  signIns = 0;
  /** Sessions planted because a sign-in was refused (the throttle). */
  planted = 0;

  constructor(
    private readonly base: string,
    private readonly db: Db,
    private readonly password: string,
  ) {}

  async start() {
    for (const role of ROLES) {
      const [u] = await this.db.select({ id: users.id }).from(users).where(eq(users.email, SEEDED_USER_OF[role]));
      this.userIds.set(role, u.id);
      await this.signIn(role);
    }
  }

  token(who: Who) {
    return this.tokens.get(who);
  }

  private async signIn(role: Role) {
    this.signIns++;
    const res = await fetch(`${this.base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: SEEDED_USER_OF[role], password: this.password }),
      headers: { origin: this.base },
      redirect: "manual",
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    const token = cookie?.split(";")[0].slice(SESSION_COOKIE.length + 1);
    if (token) {
      this.tokens.set(role, token);
      return;
    }
    // Refused (the sign-in throttle, after the fuzzer's own wrong passwords): plant a session
    // as the browser tests do, so the run goes on as this role.
    this.planted++;
    const planted = await createSession(this.db, this.userIds.get(role)!);
    this.tokens.set(role, planted.token);
  }

  /** After a case that may have ended a session (sign-out, "everywhere"): sign in again. */
  async keepAlive(who: Who): Promise<boolean> {
    if (who === "anonymous") return false;
    const token = this.tokens.get(who)!;
    const [row] = await this.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)));
    if (row) return false;
    await this.signIn(who);
    return true;
  }

  /** The fuzzer's accounts must stay as seeded; a case that changed one is reported. */
  async accountsChanged(): Promise<string[]> {
    const rows = await this.db.select({ id: users.id, email: users.email, role: users.role, status: users.status }).from(users);
    const changed: string[] = [];
    for (const role of ROLES) {
      const u = rows.find((r) => r.email === SEEDED_USER_OF[role]);
      if (!u || u.role !== role || u.status !== "active") changed.push(`${SEEDED_USER_OF[role]}: ${u ? `${u.role}/${u.status}` : "gone"}`);
    }
    return changed;
  }
}

// ---------------------------------------------------------------------------------------------
// Sending and judging.

function cookieHeader(c: FuzzCase, token: string | undefined): string | undefined {
  const session = token ? `${SESSION_COOKIE}=${token}` : undefined;
  switch (c.cookie.mode) {
    case "session":
      return session;
    case "none":
      return undefined;
    case "junk-only":
      return c.cookie.junk;
    case "junk-and-session":
      return [c.cookie.junk, session].filter(Boolean).join("; ");
    case "bad-session":
      return `${SESSION_COOKIE}=${token ? `${token.slice(0, -2)}%` : "%"}`;
    case "twice":
      return [`${SESSION_COOKIE}=x`, session].filter(Boolean).join("; ");
  }
}

/** The exact bytes and content type a browser-like client would send for this body. */
async function buildBody(b: Body): Promise<{ bytes?: Buffer; contentType?: string }> {
  switch (b.kind) {
    case "none":
      return {};
    case "urlencoded": {
      const p = new URLSearchParams();
      for (const [k, v] of b.fields) p.append(k, v);
      return { bytes: Buffer.from(p.toString()), contentType: "application/x-www-form-urlencoded;charset=UTF-8" };
    }
    case "multipart": {
      const f = new FormData();
      for (const [k, v] of b.fields) f.append(k, v);
      for (const file of b.files) f.append(file.field, new Blob([Buffer.from(file.content, "latin1")], { type: file.type }), file.filename);
      const r = new Response(f);
      return { bytes: Buffer.from(await r.arrayBuffer()), contentType: r.headers.get("content-type")! };
    }
    case "json":
      return { bytes: Buffer.from(b.text), contentType: "application/json" };
    case "raw":
      return { bytes: Buffer.from(b.text), contentType: b.contentType ?? undefined };
    case "big":
      return { bytes: Buffer.from(`intent=${"a".repeat(b.bytes)}`), contentType: b.contentType };
  }
}

/**
 * One request on a connection of its own (node:http, not fetch): a body the server answers
 * before reading must not leave a half-read connection behind for the next case.
 */
function request(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("no answer in 10 s")));
    req.on("error", reject);
    // The server may answer (and close) before it has read all of a big body: that is its right.
    req.on("response", () => req.on("error", () => {}));
    req.end(body);
  });
}

export type Outcome = { status: number; problems: string[]; excerpt?: string };

/** Stack frames and SQL, never for a visitor's eyes. */
const LEAKS: Array<[string, RegExp]> = [
  ["stack trace", /\n\s{4}at |^\s{4}at /m],
  ["source file", /\.tsx?:\d+/],
  ["node_modules", /node_modules/],
  ["SQL", /\bselect\s+(?:\*|"|distinct\b|count\(|[\w."]+\s*,\s*[\w."]+|[\w."]+\s+from\b)/i],
  ["SQL", /\binsert into\b/i],
  ["SQL error", /syntax error|violates|PostgresError|drizzle/i],
];

export async function send(base: string, c: FuzzCase, token: string | undefined): Promise<Outcome> {
  const { bytes, contentType } = await buildBody(c.body);
  const headers: Record<string, string> = { ...c.headers };
  const cookie = cookieHeader(c, token);
  if (cookie) headers.cookie = cookie;
  if (contentType) headers["content-type"] = contentType;
  if (bytes) headers["content-length"] = String(bytes.length);
  const problems: string[] = [];
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(base + c.path, c.method, headers, bytes);
  } catch (error) {
    return { status: 0, problems: [`no answer: ${(error as Error).message}`] };
  }
  const type = String(res.headers["content-type"] ?? "");
  const text = /^(image|application\/pdf|application\/octet-stream)/.test(type) ? "" : res.body.toString("utf8");
  if (res.status >= 500 && res.status !== 503) problems.push(`status ${res.status}`);
  for (const [what, re] of LEAKS) {
    const m = re.exec(text);
    if (m) problems.push(`${what} in body: …${text.slice(Math.max(0, m.index - 60), m.index + 80).replace(/\s+/g, " ")}…`);
  }
  // A server error's page, as text, to tell its causes apart.
  const excerpt =
    res.status >= 500
      ? text
          .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, "")
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .trim()
          .slice(0, 300)
      : undefined;
  return { status: res.status, problems, excerpt };
}

/** A case as one line, long values shortened, for the report. */
export function describeCase(c: FuzzCase): string {
  const short = (v: unknown): unknown => {
    if (typeof v === "string") return v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v;
    if (Array.isArray(v)) return v.map(short);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, short(x)]));
    return v;
  };
  return JSON.stringify(
    short({
      who: c.who,
      method: c.method,
      path: c.path,
      cookie: c.cookie.mode === "session" ? undefined : c.cookie,
      headers: c.headers,
      body: c.body,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// A run.

export type Failure = { n: number; route: string; status: number; problems: string[]; logged: string[]; request: string; excerpt?: string };

export type Report = {
  seed: number;
  cases: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, Record<string, number>>;
  failures: Failure[];
  signIns: number;
  planted: number;
  /** Warnings the portal printed (React Router's "could not be decoded"), counted. */
  warnings: number;
  ms: number;
  /** CPU seconds of this process (client and server both run in it). */
  cpu: number;
  /** The slowest cases, to keep the run's time in view. */
  slowest: Array<{ n: number; ms: number; request: string }>;
};

export type RunOptions = {
  base: string;
  db: Db;
  routes: RouteInfo[];
  password: string;
  seed: number;
  cases: number;
  only?: number[];
  deadlineMs?: number;
};

export async function runFuzz(o: RunOptions): Promise<Report> {
  const started = Date.now();
  const sessions = new Sessions(o.base, o.db, o.password);
  await sessions.start();
  const pools = await idPools(o.db, [...sessions.userIds.values()]);
  const arb = caseArb(o.routes, pools, o.base);
  const report: Report = {
    seed: o.seed,
    cases: 0,
    byStatus: {},
    byRoute: {},
    failures: [],
    signIns: 0,
    planted: 0,
    warnings: 0,
    ms: 0,
    cpu: 0,
    slowest: [],
  };
  const cpu0 = process.cpuUsage();

  // What the server logs as an error belongs to the case in flight (cases run one at a time).
  let logged: string[] = [];
  const original = { error: console.error, warn: console.warn };
  console.error = (...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(" "));
  };
  // React Router warns about every path with a bad escape it answers 400: counted, not printed.
  console.warn = () => {
    report.warnings++;
  };
  try {
    const numbers = o.only ?? Array.from({ length: o.cases }, (_, i) => i);
    for (const n of numbers) {
      if (o.deadlineMs && Date.now() - started > o.deadlineMs) break;
      const c = drawCase(arb, o.seed, n);
      logged = [];
      const t0 = performance.now();
      const out = await send(o.base, c, sessions.token(c.who));
      const took = performance.now() - t0;
      if (process.env.FUZZ_TRACE) process.stdout.write(`case ${n} ${out.status} ${Math.round(took)} ms ${describeCase(c)}\n`);
      if (report.slowest.length < 10 || took > report.slowest[report.slowest.length - 1].ms) {
        report.slowest.push({ n, ms: Math.round(took), request: describeCase(c).slice(0, 300) });
        report.slowest.sort((a, b) => b.ms - a.ms).splice(10);
      }
      // Let errors logged just after the answer land on this case.
      await new Promise((r) => setImmediate(r));
      report.cases++;
      report.byStatus[out.status] = (report.byStatus[out.status] ?? 0) + 1;
      report.byRoute[c.route] ??= {};
      const perRoute = report.byRoute[c.route];
      perRoute[out.status] = (perRoute[out.status] ?? 0) + 1;
      const problems = [...out.problems];
      // An error the portal logged but answered with a 4xx is handled; a 500 carries its log along.
      if (logged.length && !problems.length && out.status >= 500) problems.push("logged an error");
      if (problems.length)
        report.failures.push({
          n,
          route: c.route,
          status: out.status,
          problems,
          logged: logged.map((l) => l.slice(0, 2000)),
          request: describeCase(c),
          excerpt: out.excerpt,
        });
      await sessions.keepAlive(c.who);
    }
    const changed = await sessions.accountsChanged();
    if (changed.length)
      report.failures.push({
        n: -1,
        route: "(accounts)",
        status: 0,
        problems: [`the fuzzer's accounts changed: ${changed.join(", ")}`],
        logged: [],
        request: "",
      });
  } finally {
    console.error = original.error;
    console.warn = original.warn;
  }
  report.signIns = sessions.signIns;
  report.planted = sessions.planted;
  report.ms = Date.now() - started;
  const cpu = process.cpuUsage(cpu0);
  report.cpu = (cpu.user + cpu.system) / 1e6;
  return report;
}

/** What went wrong, without the details that differ from case to case. */
function causeOf(f: Failure): string {
  const first = (f.logged[0] ?? f.problems.find((p) => p.includes(" in body")) ?? (f.excerpt ? `page: ${f.excerpt}` : f.problems[0])).split(
    "\n",
  )[0];
  return `${f.status} ${first}`
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>")
    .replace(/"[^"]{20,}"/g, '"…"')
    .slice(0, 200);
}

/** Counts per status and route, then each failing case with how to replay it. */
export function formatReport(r: Report): string {
  const lines = [
    `fuzz: ${r.cases} cases, seed ${r.seed}, ${(r.ms / 1000).toFixed(1)} s (${r.cpu.toFixed(1)} s CPU), ${r.signIns} sign-ins (${r.planted} refused, session planted), ${r.warnings} warnings`,
  ];
  lines.push(
    `status: ${Object.entries(r.byStatus)
      .map(([s, n]) => `${s}=${n}`)
      .join(" ")}`,
  );
  for (const [route, counts] of Object.entries(r.byRoute).sort())
    lines.push(
      `  ${route.padEnd(48)} ${Object.entries(counts)
        .map(([s, n]) => `${s}=${n}`)
        .join(" ")}`,
    );
  lines.push("slowest:", ...r.slowest.map((s) => `  case ${s.n} ${s.ms} ms ${s.request}`));
  lines.push(`failures: ${r.failures.length}`);
  const causes = new Map<string, Failure[]>();
  for (const f of r.failures) causes.set(causeOf(f), [...(causes.get(causeOf(f)) ?? []), f]);
  lines.push("by cause:");
  for (const [cause, fs] of [...causes].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`  ${String(fs.length).padStart(4)} ${cause}`);
    lines.push(
      `       routes: ${[...new Set(fs.map((f) => f.route))].join(" ")}; cases: ${fs
        .slice(0, 8)
        .map((f) => f.n)
        .join(",")}`,
    );
  }
  for (const f of r.failures) {
    lines.push(`- case ${f.n} (FUZZ_SEED=${r.seed} FUZZ_ONLY=${f.n}) ${f.route} -> ${f.status}: ${f.problems.join("; ")}`);
    lines.push(`  request: ${f.request}`);
    if (f.excerpt && !f.logged.length) lines.push(`  page: ${f.excerpt}`);
    for (const l of f.logged) lines.push(`  server: ${l.split("\n").slice(0, 6).join("\n          ")}`);
  }
  return lines.join("\n");
}
