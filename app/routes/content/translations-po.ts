import { data } from "react-router";
import { getDb } from "@db/client";
import { exportSchema } from "~/domain/content/forms";
import { contentPo, interfacePo } from "~/domain/content/exchange.server";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/translations-po";

/** One language's interface catalogue or programme content as a gettext PO file, for a translator. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "content.translate");
  const parsed = exportSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    throw data({ message: "Choose what to translate (kind) and a language other than the default (locale)." }, { status: 400 });
  const { kind, locale } = parsed.data;
  const po = kind === "interface" ? interfacePo(locale) : await contentPo(await getDb(), locale);
  return new Response(po, {
    headers: {
      "Content-Type": "text/x-gettext-translation; charset=utf-8",
      "Content-Disposition": `attachment; filename="portal-${kind}-${locale}.po"`,
      "Cache-Control": "no-store",
    },
  });
}
