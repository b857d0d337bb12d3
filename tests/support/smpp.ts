import { createServer, type Pdu, type Session } from "smpp";

export type ReceivedSms = { to: string; from: string; text: string; messageId: string };

/**
 * A real SMPP server on loopback (the `smpp` package's own server), standing in for the SMS
 * provider: it binds any client with the right password, answers each submit_sm with a message
 * id and keeps what it received, so tests read text messages as the gateway got them.
 * `failNext(n)` refuses the next n messages with a system error (the client retries later).
 * `onWaiting` is told of each message before it is accepted and may hold it (e.g. while the test
 * kills the sender): a message whose sender went away in the meantime is never acknowledged and
 * not kept, as an SMSC treats a submit_sm it could not answer.
 */
export async function startSmpp(
  opts: { systemId?: string; password?: string; onWaiting?: (sms: { to: string; text: string }) => void | Promise<void> } = {},
) {
  const systemId = opts.systemId ?? "portal";
  const password = opts.password ?? "secret";
  const received: ReceivedSms[] = [];
  const sessions = new Set<Session>();
  let failNext = 0;
  let seq = 0;
  const server = createServer({}, (session) => {
    sessions.add(session);
    let gone = false;
    session.on("close", () => {
      gone = true;
      sessions.delete(session);
    });
    session.on("error", () => {
      gone = true;
      sessions.delete(session);
    });
    session.on("bind_transceiver", (pdu: Pdu) => {
      const ok = pdu.system_id === systemId && pdu.password === password;
      session.send(pdu.response({ command_status: ok ? 0 : 0x0d }));
    });
    session.on("submit_sm", async (pdu: Pdu) => {
      if (failNext > 0) {
        failNext--;
        session.send(pdu.response({ command_status: 0x08 }));
        return;
      }
      const raw = (pdu.message_payload ?? pdu.short_message) as { message?: string } | string | Buffer | undefined;
      const text = typeof raw === "string" ? raw : Buffer.isBuffer(raw) ? raw.toString("utf8") : String(raw?.message ?? "");
      const to = `+${String(pdu.destination_addr)}`;
      if (opts.onWaiting) {
        await opts.onWaiting({ to, text });
        // Let a pending disconnect be handled before deciding (as the SMTP test server does).
        await new Promise((r) => setImmediate(r));
        if (gone) return;
      }
      const messageId = `m${++seq}`;
      received.push({ to, from: String(pdu.source_addr), text, messageId });
      session.send(pdu.response({ message_id: messageId }));
    });
    session.on("unbind", (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on("enquire_link", (pdu: Pdu) => session.send(pdu.response()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smpp://${systemId}:${password}@127.0.0.1:${port}`,
    received,
    failNext(n: number) {
      failNext = n;
    },
    /** The messages to one number, as the person would read them on their phone. */
    to(phone: string) {
      return received.filter((m) => m.to === phone);
    },
    async close() {
      for (const s of sessions) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Smpp = Awaited<ReturnType<typeof startSmpp>>;
