import { readFileSync } from "node:fs";

/** Process configuration read from the environment, in one place. */
export const config = {
  get publicUrl(): string {
    return (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  },
  get smtpUrl(): string | undefined {
    return process.env.SMTP_URL || undefined;
  },
  /** The SMS gateway, "smpp://system_id:password@host:2775" (issue 20); unset, text messages wait in the outbox. */
  get smppUrl(): string | undefined {
    return process.env.SMPP_URL || undefined;
  },
  /** The sender name or number text messages go out under. */
  get smsFrom(): string {
    return process.env.SMS_FROM ?? "Portal";
  },
  /** Text messages the programme may send per calendar month; a warning goes to the admins at 80%. */
  get smsMonthlyBudget(): number {
    const n = Number(process.env.SMS_MONTHLY_BUDGET ?? 1000);
    return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1000;
  },
  get mailFrom(): string {
    return process.env.MAIL_FROM ?? "Partner Portal <portal@localhost>";
  },
  /**
   * DKIM signing of outgoing mail, when all three are set: DKIM_DOMAIN (the d= domain, normally
   * MAIL_FROM's), DKIM_SELECTOR (s=, the DNS name <selector>._domainkey.<domain> holds the public
   * key) and DKIM_PRIVATE_KEY (the PEM text, newlines as real line breaks or as \n, or a path to
   * a PEM file).
   */
  get dkim(): { domainName: string; keySelector: string; privateKey: string } | undefined {
    const domainName = process.env.DKIM_DOMAIN?.trim();
    const keySelector = process.env.DKIM_SELECTOR?.trim();
    const key = process.env.DKIM_PRIVATE_KEY?.trim();
    if (!domainName || !keySelector || !key) return undefined;
    const privateKey = key.startsWith("-----") ? key.replace(/\\n/g, "\n") : readFileSync(key, "utf8");
    return { domainName, keySelector, privateKey };
  },
};

export const SESSION_DAYS = 30;
export const INVITE_DAYS = 7;
export const RESET_MINUTES = 60;
