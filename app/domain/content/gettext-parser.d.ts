// gettext-parser ships no types: the part of its API the translation exchange uses.
declare module "gettext-parser" {
  export type PoEntry = { msgctxt?: string; msgid: string; msgid_plural?: string; msgstr: string[]; comments?: Record<string, string> };
  export type PoData = {
    charset: string;
    headers: Record<string, string>;
    translations: Record<string, Record<string, PoEntry>>;
  };
  const gettext: {
    po: {
      parse(input: string | Uint8Array, options?: { defaultCharset?: string; validation?: boolean }): PoData;
      compile(data: PoData, options?: { foldLength?: number; sort?: boolean }): Uint8Array & { toString(encoding?: string): string };
    };
  };
  export default gettext;
}
