import { renderToString } from "react-dom/server";
import { Link as RouterLink, StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { Link } from "../../app/components/link";

/**
 * The server writes the portal's links as plain anchors (app/components/link.tsx) and the browser
 * hydrates React Router's <Link> onto them: a person clicking a link gets navigation without a page
 * load only if the two write the same markup. Each case renders both on the server, as a page at
 * /claims/review would, and compares.
 */
async function render(element: React.ReactNode): Promise<string> {
  const handler = createStaticHandler([{ path: "/claims/review", element }]);
  const context = await handler.query(new Request("http://portal.example/claims/review?region=North"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

const addresses = [
  "/",
  "/shop",
  "/shop/rewards/1cf95efd-9174-410a-a8a2-fab0363c9c33",
  "/claims/review?after=1796065674102769_f03257b1-f070-4443-b665-059ab4a155c6&region=North",
  "/claims/review?partner=north%20tools",
  "/learn/",
  "/contests/30000000-0000-0000-0000-000000000001#board",
  // Written by React Router differently from the text given: these must go through <Link>.
  "/claims/../shop",
  "/claims/./new",
  "//evil.example/x",
  "/shop?",
  "/shop#",
  "/shop?#top",
  "/a//b",
  "claims",
  "../shop",
  "?region=South",
  "https://example.com/x",
];

describe("links to the portal's own pages", () => {
  it.each(addresses)("write the same markup as React Router's <Link> for %s", async (to) => {
    const props = { className: "underline", "aria-label": "Open", "data-testid": "x" };
    expect(
      await render(
        <Link to={to} {...props}>
          Open
        </Link>,
      ),
    ).toBe(
      await render(
        <RouterLink to={to} {...props}>
          Open
        </RouterLink>,
      ),
    );
  });

  it("write the same markup with props that change how React Router navigates", async () => {
    for (const extra of [
      { replace: true },
      { prefetch: "intent" as const },
      { reloadDocument: true },
      { state: { from: "x" } },
      { discover: "none" as const },
    ])
      expect(
        await render(
          <Link to="/shop" {...extra}>
            Shop
          </Link>,
        ),
      ).toBe(
        await render(
          <RouterLink to="/shop" {...extra}>
            Shop
          </RouterLink>,
        ),
      );
  });

  it("are anchors a person can follow without JavaScript", async () => {
    const html = await render(<Link to="/shop/rewards/1?show=48">Details</Link>);
    expect(html).toContain('href="/shop/rewards/1?show=48"');
    expect(html).toContain(">Details</a>");
  });
});
