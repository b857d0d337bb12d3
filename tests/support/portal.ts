import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Server } from "node:http";
import type { ServerBuild } from "react-router";
import { getDb } from "../../db/client";
import { createHttpApp } from "../../app/server/http";
import type { Actor } from "../../app/lib/actor";
import { actorByEmail } from "../../app/domain/auth/actor.server";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The real portal (the production build that `npm test` makes first) served on a loopback port
 * in this test process, against this test file's database. `onError` also hears every error a
 * loader, action or render threw (React Router stays silent about them when NODE_ENV=test).
 */
export async function startPortal(
  opts: { onError?: (error: unknown, request: Request) => void } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  let build = (await import(/* @vite-ignore */ pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  if (opts.onError) {
    const { onError } = opts;
    const own = build.entry.module.handleError;
    const handleError: typeof own = (error, args) => {
      onError(error, args.request);
      own?.(error, args);
    };
    build = { ...build, entry: { ...build.entry, module: { ...build.entry.module, handleError } } };
  }
  const app = createHttpApp(build, { clientDir: path.join(root, "build/client") });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  process.env.PUBLIC_URL = url;
  return { url, close: () => new Promise((r) => server.close(() => r())) };
}

/** A browser-less client with a cookie jar: sends forms as a browser would (same Origin). */
export class Visitor {
  cookies = new Map<string, string>();
  constructor(public readonly base: string) {}

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair.split("=");
      if (/max-age=0/i.test(c) || v === "") this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
  }

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string, extra?: Record<string, string>) {
    const res = await fetch(this.base + path, { redirect: "manual", headers: this.headers(extra) });
    this.store(res);
    return res;
  }

  async post(path: string, form: Record<string, string | string[]> | FormData, extra?: Record<string, string>) {
    let body: FormData | URLSearchParams;
    if (form instanceof FormData) body = form;
    else {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    }
    const res = await fetch(this.base + path, {
      method: "POST",
      body,
      redirect: "manual",
      headers: this.headers({ origin: this.base, ...extra }),
    });
    this.store(res);
    return res;
  }

  async signIn(email: string, password: string) {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302 && res.status !== 303 && res.status !== 204)
      throw new Error(`sign-in as ${email} failed with ${res.status}: ${await res.text()}`);
    return res;
  }
}

/** The Actor a domain function expects, for a seeded user looked up by email. */
export async function actorFor(email: string): Promise<Actor & { email: string }> {
  return actorByEmail(await getDb(), email);
}
