import admin from "./messages/admin";
import auth from "./messages/auth";
import common from "./messages/common";
import email from "./messages/email";
import organisations from "./messages/organisations";

// Each area keeps its messages in its own file; a new area adds one import and one spread.
const areas = [common, auth, organisations, admin, email] as const;

export const catalog = {
  en: Object.assign({}, ...areas.map((a) => a.en)) as typeof common.en & typeof auth.en & typeof organisations.en & typeof admin.en & typeof email.en,
  ru: Object.assign({}, ...areas.map((a) => a.ru)) as Record<string, import("./define").Message>,
};

export type MessageKey = keyof typeof catalog.en;
