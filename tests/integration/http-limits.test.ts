import http from "node:http";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_EVIDENCE_BYTES } from "../../app/domain/claims/shared";
import { FORM_BODY_LIMIT, OTHER_BODY_LIMIT, bodyLimit } from "../../app/server/http";
import { type ServerProcess, startServerProcess } from "../support/server-process";

// The server runs as a production process of its own (build/server/serve.js against this file's
// database), so its memory is its own to measure.
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess({ DATABASE_URL: process.env.DATABASE_URL! });
});
afterAll(async () => {
  await server?.stop();
});

const MB = 1024 * 1024;

/**
 * POSTs a body generated as it is sent (never held in memory here), chunked unless a length is
 * declared. Resolves with the status and body of the answer as soon as it arrives: the server
 * answers a refused body before the client has finished sending it, then closes.
 */
function post(
  path: string,
  headers: Record<string, string>,
  bytes: number,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent >= bytes) return this.push(null);
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      },
    });
    const req = http.request(`${server.url}${path}`, { method: "POST", headers: { origin: server.url, ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, body: text, headers: res.headers }));
      res.on("error", () => resolve({ status: res.statusCode!, body: text, headers: res.headers }));
    });
    // Once the answer is in, the server closes while the body is still being sent: expected.
    req.on("error", reject);
    body.pipe(req);
  });
}

const form = { "content-type": "application/x-www-form-urlencoded" };

describe("request body limits", () => {
  it("answers twenty parallel 200 MB anonymous bodies with 413 without holding them", async () => {
    const warm = await fetch(`${server.url}/login`);
    expect(warm.status).toBe(200);
    const before = server.rssBytes();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, server.rssBytes());
    }, 25);
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post("/login", form, 200 * MB)));
    clearInterval(sampler);
    peak = Math.max(peak, server.rssBytes());
    const growth = peak - before;
    console.info(
      `20 x 200 MB chunked: answered in ${Date.now() - started} ms, server RSS ${Math.round(before / MB)} MB -> peak ${Math.round(peak / MB)} MB`,
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(413));
    expect(growth).toBeLessThan(100 * MB);
    // A clear sentence, never a stack; JSON for a client that did not ask for a page.
    expect(JSON.parse(answers[0].body)).toEqual({
      error: "The request was larger than 256 KB and was not read. Send a smaller file or shorter text.",
    });
    // And the server is still there for everyone else.
    expect((await fetch(`${server.url}/login`)).status).toBe(200);
  });

  it("refuses a declared length over the limit before reading, with a page for a browser", async () => {
    const answer = await post(
      "/login",
      { ...form, "content-length": String(200 * MB), accept: "text/html", "accept-language": "ru" },
      200 * MB,
    );
    expect(answer.status).toBe(413);
    expect(answer.headers["content-type"]).toContain("text/html");
    expect(answer.body).toContain("Слишком много данных");
    expect(answer.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("sizes the limit by the kind of body and the route", async () => {
    expect(bodyLimit("/login", "application/x-www-form-urlencoded")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimit("/claims/new", "multipart/form-data; boundary=x")).toBeGreaterThan(MAX_EVIDENCE_BYTES);
    expect(bodyLimit("/claims/new.data", "multipart/form-data; boundary=x")).toBeGreaterThan(MAX_EVIDENCE_BYTES);
    expect(bodyLimit("/me", "multipart/form-data; boundary=x")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimit("/login", "application/json")).toBe(OTHER_BODY_LIMIT);
    // Over HTTP: a 1 MB multipart body to a page without uploads (declared, or counted as it
    // streams), a 20 KB JSON body anywhere.
    expect((await post("/me", { "content-type": "multipart/form-data; boundary=x", "content-length": String(MB) }, MB)).status).toBe(413);
    expect((await post("/login", { "content-type": "multipart/form-data; boundary=x" }, MB)).status).toBe(413);
    expect((await post("/login", { "content-type": "application/json" }, 20 * 1024)).status).toBe(413);
    // An upload route takes a multipart body of a few MB (here: no session, so the route sends to sign-in).
    const upload = await post("/claims/new", { "content-type": "multipart/form-data; boundary=x" }, 3 * MB);
    expect(upload.status).not.toBe(413);
  });

  it("lets a form as large as a real one through to its route", async () => {
    // A lesson's 20,000 characters of Cyrillic Markdown, encoded, is ~120 KB: well under the cap.
    const body = `email=a%40b.example&password=${"%D0%B6".repeat(20_000)}`;
    const res = await fetch(`${server.url}/login`, { method: "POST", headers: { ...form, origin: server.url }, body, redirect: "manual" });
    expect(res.status).toBe(400);
  });
});
