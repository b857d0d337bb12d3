import MarkdownIt from "markdown-it";

/**
 * Announcement bodies are Markdown written by the channel team or a partner executive, read in
 * the portal and in email. markdown-it with `html: false` escapes every tag typed in the text,
 * so no raw HTML (scripts, iframes, event handlers) ever passes; its link check refuses
 * javascript:, vbscript:, file: and data: (except images) URLs. Links open in a new tab without
 * the opener.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("target", "_blank");
  tokens[idx].attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Safe HTML for a Markdown body (see above). */
export function renderMarkdown(text: string): string {
  return md.render(text);
}
