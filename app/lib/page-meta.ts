import type { MetaArgs } from "react-router";
import type { Locale } from "@db/schema/enums";
import { takeSentMessages } from "~/i18n/catalog";
import { createTranslator } from "~/i18n/translate";

/** What a loader may call its page: a message key with values, or an item's own name (user data, shown as typed). */
export type PageTitle = { key: string; vars?: Record<string, string | number> } | { name: string };

/**
 * Every page's <title> and description, in the reader's language, from one place: a route's
 * loader may name its page (`pageTitle: { key, vars }`, e.g. "Claim 42") and then exports
 * `meta = pageMeta` (React Router hands a route's meta only the matches up to that route);
 * otherwise the root's meta names the page after the navigation item it sits under (the shell's
 * `sections`, sent by its loader: app/routes/shell.tsx), or its sign-in page.
 * "… · Partner Portal".
 */
export function pageMeta({ matches, location }: MetaArgs) {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: Locale } | undefined;
  let named: PageTitle | undefined;
  let nav: Array<{ to: string; label: string }> = [];
  for (const m of matches) {
    const data = (m?.loaderData ?? m?.data) as { pageTitle?: PageTitle; sections?: typeof nav } | undefined;
    // A title's key (and the navigation's labels) are keys the server chose: their messages came with the data.
    takeSentMessages(data);
    if (data?.pageTitle) named = data.pageTitle;
    if (Array.isArray(data?.sections)) nav = data.sections;
  }
  const t = createTranslator(root?.locale ?? "en");
  const app = t("app.name");
  const path = location.pathname.replace(/\/+$/, "") || "/";
  const section = nav.filter((n) => path === n.to || path.startsWith(`${n.to}/`)).sort((a, b) => b.to.length - a.to.length)[0];
  const own = PAGE_TITLES.find(([pattern]) => pattern.test(path))?.[1];
  const sectionName = section ? t(section.label) : null;
  // An item's own name (a contest, a reward, a course) comes first, then the section it sits in.
  const title =
    named && "name" in named
      ? [named.name.slice(0, 120), sectionName].filter(Boolean).join(" · ")
      : named
        ? t(named.key, named.vars)
        : own
          ? t(own)
          : sectionName;
  return [{ title: title ? `${title} · ${app}` : app }, { name: "description", content: t("ui.meta.description") }];
}

/** Pages outside the navigation, by address. */
const PAGE_TITLES: Array<[RegExp, string]> = [
  [/^\/login$/, "auth.sign_in"],
  [/^\/(forgot-password|reset-password\/.*)$/, "auth.reset.title"],
  [/^\/invite\//, "auth.invite.title"],
  [/^\/inbox$/, "ui.meta.inbox"],
  [/^\/claims\/review$/, "nav.claims_review"],
];
