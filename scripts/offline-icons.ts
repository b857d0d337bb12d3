import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

/**
 * Renders the home-screen icons (public/icons/*.png) from the two SVG sources with the same
 * Chromium the tests use, so the PNGs can be remade after a change to the SVG:
 *   npx tsx scripts/offline-icons.ts
 */
const dir = path.resolve(import.meta.dirname, "../public/icons");
const outputs = [
  { source: "icon.svg", file: "icon-192.png", size: 192 },
  { source: "icon.svg", file: "icon-512.png", size: 512 },
  // Android masks these to its own shape; iOS rounds the corners of the touch icon itself.
  { source: "icon-maskable.svg", file: "icon-maskable-512.png", size: 512 },
  { source: "icon-maskable.svg", file: "apple-touch-icon.png", size: 180 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const { source, file, size } of outputs) {
    const svg = await readFile(path.join(dir, source), "utf8");
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await writeFile(path.join(dir, file), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    await page.close();
    console.log(`public/icons/${file} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
