import { type ServerBuild, data as withInit } from "react-router";
import type { Locale } from "@db/schema/enums";
import type { RequestContext } from "~/lib/context";
import { catalog } from "./catalog";
import type { Message } from "./define";
import { resolveLocale } from "./locale.server";
import { SENT_MESSAGES, type SentMessages } from "./sent-messages";

const english = catalog.en as Record<string, Message>;
const isKey = (s: string) => s.length <= 120 && s.includes(".") && Object.hasOwn(english, s);

/** How far into a loader's data keys are looked for: enough for any page, bounded for a huge one. */
const MAX_DEPTH = 12;
const MAX_NODES = 50_000;

/**
 * Every message key that appears as a string value in the data (objects and arrays, nested), in
 * order of first appearance. Dates, promises (streamed data) and class instances are not entered.
 */
export function keysIn(value: unknown): string[] {
  const found = new Set<string>();
  let nodes = 0;
  const walk = (v: unknown, depth: number) => {
    if (++nodes > MAX_NODES) return;
    if (typeof v === "string") {
      if (isKey(v)) found.add(v);
      return;
    }
    if (!v || typeof v !== "object" || depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (const item of v) walk(item, depth + 1);
      return;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return;
    for (const item of Object.values(v)) walk(item, depth + 1);
  };
  walk(value, 0);
  return [...found];
}

/** The messages of these keys in a language (English where the language has none, as translate does). */
export function messagesOf(keys: string[], locale: Locale): Record<string, Message> {
  const own = catalog[locale] as Record<string, Message>;
  return Object.fromEntries(keys.map((k) => [k, own[k] ?? english[k]]));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A copy of the data with the messages of the keys in it, or the data itself when it has none. */
export function withSentMessages<T>(value: T, locale: Locale): T {
  if (!isPlainObject(value) || SENT_MESSAGES in value) return value;
  const keys = keysIn(value);
  if (!keys.length) return value;
  const sent: SentMessages = { l: locale, m: messagesOf(keys, locale) };
  return { ...value, [SENT_MESSAGES]: sent };
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };
const isDataWithInit = (v: unknown): v is DataWithInit =>
  !!v && typeof v === "object" && (v as { type?: unknown }).type === "DataWithResponseInit" && "data" in v;

type Handler = (args: { request: Request; context: unknown }) => unknown;

function wrap(handler: Handler): Handler {
  return async (args) => {
    const result = await handler(args);
    if (result instanceof Response) return result;
    const actor = (args.context as RequestContext | undefined)?.actor ?? null;
    const locale = resolveLocale(args.request, actor);
    if (isDataWithInit(result)) {
      const next = withSentMessages(result.data, locale);
      return next === result.data ? result : withInit(next, result.init ?? undefined);
    }
    return withSentMessages(result, locale);
  };
}

/**
 * The server build with every page route's loader and action adding the messages of the keys in
 * their data (see sent-messages.ts). Resource routes (no component: CSV, JSON, pictures) are left
 * as they are: their answers are not a page's data.
 */
export function sendChosenMessages(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = route?.module;
      if (!route || !module?.default || (!module.loader && !module.action)) return [id, route];
      return [
        id,
        {
          ...route,
          module: {
            ...module,
            ...(module.loader ? { loader: wrap(module.loader as Handler) } : {}),
            ...(module.action ? { action: wrap(module.action as Handler) } : {}),
          },
        },
      ];
    }),
  );
  return { ...build, routes } as ServerBuild;
}
