import { generateKeyPairSync } from "node:crypto";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueEmails, queueEmail } from "../../app/domain/mail/outbox.server";
import { getDb } from "../../db/client";
import { startEachTestWithNoMail, useSmtp } from "../support/fixtures";

/**
 * DKIM is configuration: with DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY set, every mail the
 * outbox sends is signed. Checked as a receiving server would: mailauth verifies the signature of
 * the message the SMTP test server received, with the public key "published" in DNS (mailauth's
 * resolver option answers the TXT query).
 */
const smtp = useSmtp();
startEachTestWithNoMail(smtp);

const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const dnsName = "portal._domainkey.partners.example";
const txt = `v=DKIM1; k=rsa; p=${publicKey.export({ type: "spki", format: "der" }).toString("base64")}`;
const resolver = async (name: string, rrtype: string) => {
  if (rrtype === "TXT" && name === dnsName) return [[txt]];
  throw Object.assign(new Error(`no ${rrtype} record for ${name}`), { code: "ENOTFOUND" });
};

const saved = { ...process.env };
beforeAll(() => {
  process.env.DKIM_DOMAIN = "partners.example";
  process.env.DKIM_SELECTOR = "portal";
  // As an environment file would carry it: one line, newlines written as \n.
  process.env.DKIM_PRIVATE_KEY = privateKey.export({ type: "pkcs8", format: "pem" }).toString().replace(/\n/g, "\\n");
  process.env.MAIL_FROM = "Partner Portal <portal@partners.example>";
});
afterAll(() => {
  for (const k of ["DKIM_DOMAIN", "DKIM_SELECTOR", "DKIM_PRIVATE_KEY", "MAIL_FROM"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("DKIM signing", () => {
  it("signs every outgoing mail so that a receiving server verifies it, and a changed message fails", async () => {
    const db = await getDb();
    await queueEmail(db, {
      to: "reader@example.test",
      template: "announcement",
      props: { title: "Signed news", html: "<p>Hello</p>", url: "https://portal.example/announcements/1/read" },
      locale: "en",
    });
    await deliverDueEmails(db, { smtpUrl: smtp.url });
    const mail = await smtp.waitFor((m) => m.subject === "Signed news");
    expect(mail.headers["dkim-signature"]).toMatch(/d=partners\.example/);

    const verified = await dkimVerify(mail.raw, { resolver });
    expect(verified.results.map((r) => [r.signingDomain, r.status.result])).toEqual([["partners.example", "pass"]]);

    const tampered = Buffer.from(mail.raw.toString("utf8").replace("Hello", "Hullo"));
    const broken = await dkimVerify(tampered, { resolver });
    expect(broken.results[0].status.result).not.toBe("pass");
  });
});
