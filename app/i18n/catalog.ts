import type { Message } from "./define";
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
import sms from "./messages/sms";

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
  sms,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type English = UnionToIntersection<(typeof areas)[number]["en"]>;

export const catalog = {
  en: Object.assign({}, ...areas.map((a) => a.en)) as English,
  ru: Object.assign({}, ...areas.map((a) => a.ru)) as Record<string, Message>,
};

export type MessageKey = keyof English;

/**
 * Whether a language's messages are loaded: always, here (the server and the development build
 * hold every language). The client build swaps this module for catalog.browser.ts, which fetches
 * each language's messages on first use.
 */
export function messagesReady(_locale: keyof typeof catalog): Promise<void> | null {
  return null;
}
