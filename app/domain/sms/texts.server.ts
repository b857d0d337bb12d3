import type { Locale } from "@db/schema/enums";
import { createTranslator } from "~/i18n/translate";
import { HIDDEN } from "../mail/secrets.server";

/**
 * Text-message templates: one short sentence in the person's language, with a link to the portal
 * where there is more to read. `secret` props are sealed in the outbox like an email's links and
 * codes (decision 007) and shown masked to admins.
 */
type SmsTemplate<P> = {
  text(t: ReturnType<typeof createTranslator>, props: P): string;
  secret?: { [K in keyof P]?: (value: P[K]) => P[K] };
};

const define = <P>(template: SmsTemplate<P>) => template;

export const smsTemplates = {
  sign_in_code: define<{ code: string; minutes: number }>({
    text: (t, p) => t("sms.text.sign_in_code", { code: p.code, count: p.minutes }),
    secret: { code: () => HIDDEN },
  }),
  invitation: define<{ organisationName: string; url: string }>({
    // The link holds no secret (sign-in by code for the number), so nothing to seal.
    text: (t, p) => t("sms.text.invitation", { organisation: p.organisationName, url: p.url }),
  }),
  notice: define<{ title: string; url: string }>({
    text: (t, p) => t("sms.text.notice", { title: p.title, url: p.url }),
  }),
  budget_warning: define<{ sent: number; budget: number }>({
    text: (t, p) => t("sms.text.budget_warning", { sent: p.sent, budget: p.budget }),
  }),
};

export type SmsTemplateName = keyof typeof smsTemplates;
export type SmsProps<N extends SmsTemplateName> = (typeof smsTemplates)[N] extends SmsTemplate<infer P> ? P : never;

function templateOf(name: string): SmsTemplate<Record<string, unknown>> | undefined {
  return Object.hasOwn(smsTemplates, name) ? (smsTemplates[name as SmsTemplateName] as SmsTemplate<Record<string, unknown>>) : undefined;
}

export function smsSecretPropsOf(name: string) {
  return templateOf(name)?.secret as Record<string, ((v: never) => unknown) | undefined> | undefined;
}

export function isSmsTemplate(name: string): boolean {
  return templateOf(name) !== undefined;
}

/** The message as sent (props opened) or as an admin sees it (props masked). */
export function renderSms(name: string, props: Record<string, unknown>, locale: Locale): string {
  const template = templateOf(name);
  if (!template) throw new Error(`Unknown text message template ${name}`);
  return template.text(createTranslator(locale), props);
}
