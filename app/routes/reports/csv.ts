import { getReadDb } from "@db/client";
import { type SectionReader, EXECUTIVE_SECTIONS, readSection } from "~/domain/reports/dashboards.server";
import { csvCell, figureFor, scopeFor } from "~/domain/reports/figures.server";
import { readPeriod } from "~/domain/reports/period";
import { figureCsvResponse } from "~/domain/reports/export.server";
import { resolveLocale } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { notFound, requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { csvResponse } from "~/lib/csv";
import { acceptedEncodings } from "~/server/compression";
import { isoDay } from "~/lib/dates";
import { PROGRAMME_SECTIONS } from "~/domain/reports/programme.server";
import type { Route } from "./+types/csv";

/**
 * CSV of every report table ("<section>.<table>", the rows the page shows) and of every figure's
 * rows ("rows.<figure>", all of them, streamed page by page from the database in constant memory).
 * Same scope as the pages; headings in the reader's language, numbers plain.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "reports.view");
  const url = new URL(request.url);
  const scope = scopeFor(actor, isManufacturer(actor) ? url.searchParams.get("org") : null);
  const [first, second, ...rest] = (params.table ?? "").split(".");
  if (!scope || !second || rest.length) throw notFound();
  const { periods } = readPeriod(url.searchParams, isoDay(new Date()));
  const locale = resolveLocale(request, actor);
  const t = createTranslator(locale);
  const db = await getReadDb();
  const stamp = `${periods.current.from}-${periods.current.to}`;

  if (first === "rows") {
    const figure = figureFor(actor, second);
    const key = url.searchParams.get("key") ?? undefined;
    if (!figure || (key && key.length > 200) || !figure.validKey(key)) throw notFound();
    return figureCsvResponse({
      name: second,
      figure,
      db,
      scope,
      period: periods.current,
      key,
      now: new Date(),
      locale,
      t,
      filename: `${second}-${stamp}.csv`,
      encodings: acceptedEncodings(request.headers.get("accept-encoding") ?? undefined),
    });
  }

  const readers: Record<string, SectionReader> = isManufacturer(actor) ? PROGRAMME_SECTIONS : EXECUTIVE_SECTIONS;
  const section = await readSection(db, readers, first, scope, periods);
  const table = section?.tables.find((tb) => tb.id === second);
  if (!table) throw notFound();
  return csvResponse(`${first}-${second}-${stamp}.csv`, [
    table.columns.map((c) => t(c.label)),
    ...table.rows.map((r) => table.columns.map((c) => csvCell(c.format, r.cells[c.key], t, section?.currency))),
  ]);
}
