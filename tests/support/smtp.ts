import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  to: string[];
  subject: string;
  html: string;
  text: string;
  links: string[];
  headers: Record<string, string>;
  /** The message exactly as it arrived (to check a DKIM signature). */
  raw: Buffer;
};

/**
 * A real SMTP server on loopback that keeps what it receives, so tests read mail as a person would.
 * Options, for tests of several senders: `inbox` to share one inbox between servers; `acceptDelayMs`
 * to wait that long after the whole message has arrived before accepting it (a mail counts as
 * delivered only once accepted: a sender that disconnects meanwhile has delivered nothing, as
 * with a real server); `onWaiting` is told when a message is waiting to be accepted, and which.
 */
export async function startSmtp(
  opts: { inbox?: ReceivedMail[]; acceptDelayMs?: number; onWaiting?: (mail: ParsedMail) => void | Promise<void> } = {},
) {
  const inbox: ReceivedMail[] = opts.inbox ?? [];
  const waiters: Array<() => void> = [];
  const gone = new Set<string>();
  let failNext = 0;
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onClose(session) {
      gone.add(session.id);
    },
    onData(stream, session, callback) {
      if (failNext > 0) {
        failNext--;
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 })));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      simpleParser(stream).then(async (mail: ParsedMail) => {
        if (opts.acceptDelayMs) {
          await opts.onWaiting?.(mail);
          await new Promise((r) => setTimeout(r, opts.acceptDelayMs));
          // Let a pending disconnect be handled before deciding (timers run before I/O in a busy loop).
          await new Promise((r) => setImmediate(r));
          if (gone.has(session.id)) return callback(new Error("sender went away"));
        }
        const html = typeof mail.html === "string" ? mail.html : "";
        const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
        const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
        const headers = Object.fromEntries([...mail.headerLines].map((h) => [h.key, h.line.slice(h.line.indexOf(":") + 1).trim()]));
        accepted++;
        inbox.push({ to, subject: mail.subject ?? "", html, text: mail.text ?? "", links, headers, raw: Buffer.concat(chunks) });
        for (const wake of waiters.splice(0)) wake();
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    /** How many messages this server has accepted (its inbox may be shared). */
    accepted: () => accepted,
    /** Refuse the next n messages with a temporary error, as a struggling mail server would. */
    failNext(n: number) {
      failNext = n;
    },
    async waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = inbox.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching mail within ${timeoutMs} ms; inbox: ${inbox.map((m) => `${m.to} ${m.subject}`).join(", ")}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
