/**
 * The lesson text format: a small Markdown subset parsed into a tree that React renders. No HTML
 * string is ever produced or injected, so whatever a trainer types shows as text; links and
 * images go through an allow-list (http(s) links, images uploaded to this site).
 *
 * Blocks: "# " / "## " / "### " headings, paragraphs, "- " or "* " lists, "1. " lists,
 * "> " quotes, and a line holding only an image: ![alt](/learn/images/<id>).
 * Inline: **bold**, *italic*, `code`, [text](https://...).
 */

import { isId } from "~/lib/ids";

export type Inline =
  | { t: "text"; v: string }
  | { t: "strong" | "em"; c: Inline[] }
  | { t: "code"; v: string }
  | { t: "link"; href: string; c: Inline[] };
export type Block =
  | { type: "heading"; level: 2 | 3 | 4; content: Inline[] }
  | { type: "paragraph"; content: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "quote"; content: Inline[] }
  | { type: "image"; src: string; alt: string };

const IMAGE_PREFIX = "/learn/images/";
const isImageSrc = (src: string) => src.startsWith(IMAGE_PREFIX) && isId(src.slice(IMAGE_PREFIX.length));

export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^https?:\/\/[^\s]+$/i.test(h)) return h;
  if (/^\/(?![/\\])[^\s]*$/.test(h)) return h;
  return null;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = "";
  const flush = () => {
    if (buffer) out.push({ t: "text", v: buffer });
    buffer = "";
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^`([^`]+)`/))) {
      flush();
      out.push({ t: "code", v: m[1] });
    } else if ((m = rest.match(/^\*\*(.+?)\*\*/))) {
      flush();
      out.push({ t: "strong", c: parseInline(m[1]) });
    } else if ((m = rest.match(/^\*([^*\s][^*]*?)\*/))) {
      flush();
      out.push({ t: "em", c: parseInline(m[1]) });
    } else if ((m = rest.match(/^\[([^\]]+)\]\(([^)\s]+)\)/))) {
      const href = safeHref(m[2]);
      flush();
      // A link to somewhere not allowed keeps its words and loses the link.
      out.push(href ? { t: "link", href, c: parseInline(m[1]) } : { t: "text", v: m[1] });
    } else {
      buffer += text[i];
      i++;
      continue;
    }
    i += m[0].length;
  }
  flush();
  return out;
}

export function parseLesson(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  let quote: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ type: "paragraph", content: parseInline(paragraph.join(" ")) });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push({ type: "list", ordered: list.ordered, items: list.items.map(parseInline) });
    list = null;
  };
  const endQuote = () => {
    if (quote.length) blocks.push({ type: "quote", content: parseInline(quote.join(" ")) });
    quote = [];
  };
  const endAll = () => {
    endParagraph();
    endList();
    endQuote();
  };
  for (const raw of lines) {
    const line = raw.trim();
    let m: RegExpMatchArray | null;
    if (!line) {
      endAll();
    } else if ((m = line.match(/^(#{1,3})\s+(.*)$/))) {
      endAll();
      blocks.push({ type: "heading", level: (m[1].length + 1) as 2 | 3 | 4, content: parseInline(m[2]) });
    } else if ((m = line.match(/^!\[([^\]]*)\]\(([^)\s]+)\)$/))) {
      endAll();
      if (isImageSrc(m[2])) blocks.push({ type: "image", src: m[2], alt: m[1] });
      else if (m[1]) blocks.push({ type: "paragraph", content: [{ t: "text", v: m[1] }] });
    } else if ((m = line.match(/^[-*]\s+(.*)$/)) || (m = line.match(/^\d+[.)]\s+(.*)$/))) {
      const ordered = /^\d/.test(line);
      endParagraph();
      endQuote();
      if (list && list.ordered !== ordered) endList();
      list ??= { ordered, items: [] };
      list.items.push(m[1]);
    } else if ((m = line.match(/^>\s?(.*)$/))) {
      endParagraph();
      endList();
      quote.push(m[1]);
    } else {
      endList();
      endQuote();
      paragraph.push(line);
    }
  }
  endAll();
  return blocks;
}

/** Video links the lesson page knows how to show: a watch URL on YouTube or Vimeo. */
export function videoEmbed(url: string | null | undefined): { provider: "youtube" | "vimeo"; embedUrl: string; watchUrl: string } | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== "https:") return null;
  const host = u.hostname.replace(/^www\.|^m\./, "");
  let id: string | null = null;
  if (host === "youtube.com")
    id = u.pathname === "/watch" ? u.searchParams.get("v") : (u.pathname.match(/^\/(?:embed|shorts|live)\/([\w-]{6,})/)?.[1] ?? null);
  else if (host === "youtu.be") id = u.pathname.slice(1);
  if (id && /^[\w-]{6,20}$/.test(id))
    return {
      provider: "youtube",
      embedUrl: `https://www.youtube-nocookie.com/embed/${id}`,
      watchUrl: `https://www.youtube.com/watch?v=${id}`,
    };
  if (host === "vimeo.com") {
    const vid = u.pathname.match(/^\/(\d{4,12})/)?.[1];
    if (vid) return { provider: "vimeo", embedUrl: `https://player.vimeo.com/video/${vid}`, watchUrl: `https://vimeo.com/${vid}` };
  }
  return null;
}
