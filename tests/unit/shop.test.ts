import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalog } from "../../app/i18n/catalog";
import { createTranslator } from "../../app/i18n/translate";
import { maskCode } from "../../app/domain/shop/orders.server";
import { pointsToGo, progressPercent } from "../../app/domain/shop/text";
import { ORDER_STATUSES } from "../../db/schema/shop";

describe("shop arithmetic", () => {
  it("says how far a participant is from a reward", () => {
    expect(pointsToGo(2500, 1800)).toBe(700);
    expect(pointsToGo(2500, 4000)).toBe(0);
    expect(progressPercent(2500, 1800)).toBe(72);
    expect(progressPercent(2500, 9999)).toBe(100);
  });

  it("masks a code down to its last characters, and a short code almost entirely", () => {
    expect(maskCode("PHOTO-XY12-7788")).toBe("•••••••••••7788");
    expect(maskCode("AB12")).toBe("••••2");
  });
});

describe("shop messages", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
    });
  const sources = [
    ...files(path.join(root, "app/routes/shop")),
    ...files(path.join(root, "app/domain/shop")),
    path.join(root, "app/components/shop.tsx"),
    path.join(root, "app/components/shop-admin.tsx"),
    path.join(root, "emails/shop-order.tsx"),
  ];

  it("has every message the shop shows, in English and Russian", () => {
    const used = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([a-z_.0-9]+)"/g)) used.add(m[1]);
      for (const m of text.matchAll(/UserError\(\s*"([a-z_.0-9]+)"/g)) used.add(m[1]);
      for (const m of text.matchAll(/"(errors\.shop_[a-z_]+)"/g)) used.add(m[1]);
    }
    // Keys built from a status or step name.
    for (const s of ORDER_STATUSES) used.add(`shop.status.${s}`).add(`shop.fulfilment.tab.${s}`);
    for (const s of ["placed", "approved", "shipped", "delivered", "cancelled"])
      used.add(`shop.notice.${s}`).add(`email.shop.${s}.subject`).add(`email.shop.${s}.body`);
    const missing = [...used].filter((k) => !(k in catalog.en) || !(k in catalog.ru));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(150);
  });

  it("counts points in Russian with the right plural forms", () => {
    const ru = createTranslator("ru");
    expect(ru("shop.points", { count: 1 })).toBe("1 балл");
    expect(ru("shop.points", { count: 3 })).toBe("3 балла");
    expect(ru("shop.points_to_go", { count: 700 })).toBe("Осталось накопить 700 баллов");
    expect(createTranslator("en")("shop.points", { count: 2500 })).toBe("2,500 points");
  });
});
