import { deliverDueEmails } from "../../app/domain/mail/outbox.server";
import { getDb } from "../../db/client";
import type { ReceivedMail, startSmtp } from "./smtp";

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

/**
 * Runs the outbox worker against the test SMTP server, then takes (removes) the first mail to
 * `to` that carries a link containing `linkPart`, and returns it with that link's path.
 */
export async function deliverAndTake(smtp: Smtp, to: string, linkPart: string): Promise<{ mail: ReceivedMail; path: string }> {
  await deliverDueEmails(await getDb(), { smtpUrl: smtp.url, limit: 1000 });
  const mail = await smtp.waitFor((m) => m.to.includes(to.toLowerCase()) && m.links.some((l) => l.includes(linkPart)));
  smtp.inbox.splice(smtp.inbox.indexOf(mail), 1);
  const link = mail.links.find((l) => l.includes(linkPart))!;
  return { mail, path: new URL(link).pathname };
}
