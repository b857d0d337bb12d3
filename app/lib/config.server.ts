/** Process configuration read from the environment, in one place. */
export const config = {
  get publicUrl(): string {
    return (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  },
  get smtpUrl(): string | undefined {
    return process.env.SMTP_URL || undefined;
  },
  get mailFrom(): string {
    return process.env.MAIL_FROM ?? "Partner Portal <portal@localhost>";
  },
};

export const SESSION_DAYS = 30;
export const INVITE_DAYS = 7;
export const RESET_MINUTES = 60;
