import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { prepareZXingModule, writeBarcode } from "zxing-wasm/writer";

let ready = false;

/** A Code 128 barcode of `text` as a PNG, drawn by ZXing's writer (the same library the scanner reads with). */
export async function barcodePng(text: string): Promise<Buffer> {
  if (!ready) {
    // The writer's WebAssembly comes from node_modules, never from a CDN.
    const wasm = readFileSync(createRequire(import.meta.url).resolve("zxing-wasm/writer/zxing_writer.wasm"));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } });
    ready = true;
  }
  const out = await writeBarcode(text, { format: "Code128", scale: 3, addQuietZones: true });
  if (!out.image) throw new Error(`barcode not drawn: ${out.error}`);
  return Buffer.from(await out.image.arrayBuffer());
}
