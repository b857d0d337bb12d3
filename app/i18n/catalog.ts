import type { Locale } from "@db/schema/enums";
import type { Message } from "./define";
import fil from "./translations/fil";
import hi from "./translations/hi";
import lt from "./translations/lt";
import admin from "./messages/admin";
import auth from "./messages/auth";
import http from "./messages/http";
import claims from "./messages/claims";
import common from "./messages/common";
import costshare from "./messages/costshare";
import contests from "./messages/contests";
import email from "./messages/email";
import ledger from "./messages/ledger";
import notifications from "./messages/notifications";
import offline from "./messages/offline";
import organisations from "./messages/organisations";
import pointsAdmin from "./messages/points-admin";
import privacy from "./messages/privacy";
import inbox from "./messages/inbox";
import shop from "./messages/shop";
import training from "./messages/training";
import pages from "./messages/pages";
import reports from "./messages/reports";
import mystery from "./messages/mystery";
import communication from "./messages/communication";
import ui from "./messages/ui";
import content from "./messages/content";
import scan from "./messages/scan";
import sellout from "./messages/sellout";
import rules from "./messages/rules";
import sms from "./messages/sms";
import outlets from "./messages/outlets";
import tiers from "./messages/tiers";
import events from "./messages/events";
import surveys from "./messages/surveys";
import paging from "./messages/paging";
import gates from "./messages/gates";
import enrolment from "./messages/enrolment";
import earningExpiry from "./messages/earning-expiry";
import fair from "./messages/fair";
import currency from "./messages/currency";
import roles from "./messages/roles";

// Each area keeps its messages in its own file: a new area adds an import and a line here.
const areas = [
  common,
  auth,
  organisations,
  admin,
  email,
  ledger,
  contests,
  notifications,
  pointsAdmin,
  inbox,
  shop,
  training,
  claims,
  offline,
  http,
  privacy,
  pages,
  reports,
  costshare,
  mystery,
  communication,
  ui,
  content,
  scan,
  sellout,
  rules,
  sms,
  outlets,
  tiers,
  events,
  surveys,
  paging,
  gates,
  enrolment,
  earningExpiry,
  fair,
  currency,
  roles,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type English = UnionToIntersection<(typeof areas)[number]["en"]>;

/**
 * Every language's messages. English and Russian are written with each area's messages; the other
 * languages are whole catalogues of their own (app/i18n/translations/<locale>.ts, by translators).
 * A key missing in a language falls back to English (translate.ts); tests/unit/i18n-completeness
 * fails the build when one is missing or left in English.
 */
export const catalog: { en: English } & { [L in Exclude<Locale, "en">]: Record<string, Message> } = {
  en: Object.assign({}, ...areas.map((a) => a.en)) as English,
  ru: Object.assign({}, ...areas.map((a) => a.ru)) as Record<string, Message>,
  lt: more("lt", lt),
  hi: more("hi", hi),
  fil: more("fil", fil),
};

/** A translator's whole catalogue, with keys areas carry in that language themselves laid over it. */
function more(locale: "lt" | "hi" | "fil", translated: Record<string, Message>): Record<string, Message> {
  return Object.assign({}, translated, ...areas.map((a) => (a as { [l: string]: Record<string, Message> | undefined })[locale] ?? {}));
}

export type MessageKey = keyof English;

/**
 * Whether a language's messages are loaded: always, here (the server and the development build
 * hold every language). The client build swaps this module for catalog.browser.ts, which fetches
 * the messages of the routes shown on first use.
 */
export function messagesReady(_locale: keyof typeof catalog, _routeIds?: readonly string[]): Promise<void> | null {
  return null;
}

/** In rendering, waits for the messages of the routes on screen: nothing to wait for here (see above). */
export function useMessages(_locale: keyof typeof catalog): void {}

/** Takes the messages a page's data carries for keys the server chose: nothing to take here (see above). */
export function takeSentMessages(_data: unknown): void {}

/** The promise of a key's messages when they are not here yet: never, here (see above). */
export function pendingFor(_locale: keyof typeof catalog, _key: string): Promise<void> | null {
  return null;
}

/** The messages of a module loaded later: here already (see above). */
export function lazyMessages(_locale: keyof typeof catalog, _module: string): Promise<void> {
  return Promise.resolve();
}

/** The address of a language's whole catalogue in the browser build; none here. */
export function fullLanguageUrl(_locale: keyof typeof catalog): string | null {
  return null;
}
