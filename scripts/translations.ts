import { readFileSync, writeFileSync } from "node:fs";
import { DEFAULT_LOCALE, isLocale } from "../db/schema/enums";
import { importInterfacePo, interfacePo } from "../app/domain/content/exchange.server";

/**
 * The interface catalogue's round trip for a translator (issue 18), as the /admin/translations
 * page does it for content:
 *   npx tsx scripts/translations.ts export lt > lt.po
 *   npx tsx scripts/translations.ts import lt lt.po   (rewrites app/i18n/translations/lt.ts, prints the report)
 */
const [command, locale, file] = process.argv.slice(2);
if (
  !isLocale(locale) ||
  locale === DEFAULT_LOCALE ||
  (command !== "export" && command !== "import") ||
  (command === "import" && (!file || locale === "ru"))
) {
  // Russian lives in each area's messages file, so only its export is offered here.
  console.error("usage: translations.ts export <ru|lt|hi|fil> | import <lt|hi|fil> <file.po>");
  process.exit(2);
}
if (command === "export") process.stdout.write(interfacePo(locale));
else {
  const result = importInterfacePo(locale, readFileSync(file, "utf8"));
  const body = Object.entries(result.messages)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
    .join("\n");
  writeFileSync(
    `app/i18n/translations/${locale}.ts`,
    `import type { Message } from "../define";\n\n/** Interface messages in ${locale}, imported from a translator's PO file (scripts/translations.ts). */\nconst messages: Record<string, Message> = {\n${body}\n};\n\nexport default messages;\n`,
  );
  console.log(
    `changed ${result.changed.length}, missing ${result.missing.length}, unknown ${result.unknown.length}, placeholders differ ${result.placeholders.length}`,
  );
  for (const [label, list] of Object.entries({ missing: result.missing, unknown: result.unknown, placeholders: result.placeholders }))
    if (list.length) console.log(`${label}: ${list.join(", ")}`);
}
