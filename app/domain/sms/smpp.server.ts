import type { Session } from "smpp";

/**
 * A connection to the SMS gateway over SMPP 3.4 (the protocol SMS providers offer), for one
 * delivery run: bind once, submit each message and wait for the gateway's answer, unbind. Every
 * step has a deadline (`stepMs`, a fifth of the outbox lease) so a silent gateway never holds a
 * message past its lease (see outbox.server.ts).
 */
export type SmsGateway = { submit(to: string, text: string): Promise<string>; close(): Promise<void> };

export async function openSmppGateway(url: string, opts: { from: string; stepMs: number }): Promise<SmsGateway> {
  const smpp = await import("smpp");
  const parsed = new URL(url);
  const session: Session = smpp.connect({ url: `smpp://${parsed.hostname}:${parsed.port || 2775}` });
  let broken: Error | null = null;
  session.on("error", (error: Error) => {
    broken = error;
  });
  session.on("close", () => {
    broken ??= new Error("the SMS gateway closed the connection");
  });
  // Delivery receipts and keep-alives from the gateway are acknowledged, never left hanging.
  session.on("deliver_sm", (pdu) => session.send(pdu.response()));
  session.on("enquire_link", (pdu) => session.send(pdu.response()));

  const step = <T>(what: string, run: (done: (value: T) => void, fail: (error: Error) => void) => void) =>
    new Promise<T>((resolve, reject) => {
      if (broken) return reject(broken);
      const timer = setTimeout(() => reject(new Error(`the SMS gateway did not answer ${what} in time`)), opts.stepMs);
      const settle = () => {
        clearTimeout(timer);
        session.off("error", onError);
        session.off("close", onClose);
      };
      const onError = (error: Error) => {
        settle();
        reject(error);
      };
      const onClose = () => onError(new Error("the SMS gateway closed the connection"));
      session.on("error", onError);
      session.on("close", onClose);
      run(
        (value) => {
          settle();
          resolve(value);
        },
        (error) => {
          settle();
          reject(error);
        },
      );
    });

  await step<void>("the connection", (done) => session.once("connect", () => done()));
  await step<void>("the bind", (done, fail) =>
    session.bind_transceiver({ system_id: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) }, (pdu) =>
      pdu.command_status === 0 ? done() : fail(new Error(`the SMS gateway refused the bind (status ${pdu.command_status})`)),
    ),
  );
  return {
    submit: (to, text) =>
      step<string>("a message", (done, fail) =>
        session.submit_sm(
          {
            source_addr: opts.from,
            // Alphanumeric sender (5/0) and international destination (1/1), the usual pairing.
            source_addr_ton: /^\+?\d+$/.test(opts.from) ? 1 : 5,
            source_addr_npi: /^\+?\d+$/.test(opts.from) ? 1 : 0,
            destination_addr: to.replace(/^\+/, ""),
            dest_addr_ton: 1,
            dest_addr_npi: 1,
            // Longer than one SMS field holds: the payload TLV, which the gateway splits into parts.
            ...(Buffer.byteLength(text, "utf8") > 140 ? { message_payload: text } : { short_message: text }),
            registered_delivery: 0,
          },
          (pdu) =>
            pdu.command_status === 0
              ? done(String(pdu.message_id ?? ""))
              : fail(new Error(`the SMS gateway refused the message (status ${pdu.command_status})`)),
        ),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          session.destroy();
          resolve();
        }, opts.stepMs);
        if (broken) {
          clearTimeout(timer);
          session.destroy();
          return resolve();
        }
        session.unbind({}, () => {
          clearTimeout(timer);
          session.close();
          resolve();
        });
      }),
  };
}
