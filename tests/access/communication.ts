import { createAnnouncement, sendAnnouncementNow } from "../../app/domain/communication/announcements.server";
import { EMPTY_SEGMENT } from "../../app/domain/communication/segments.server";
import { allowOnly, override, type AccessFixtures, type AccessRule } from "../support/access";
import { actorFor } from "../support/portal";

/**
 * Announcements: the channel team and admins write to any segment, a partner executive to their
 * own people (another side's announcement is "not found"); only the people an announcement
 * reached can read it. Product tips: admins.
 */
const WRITERS = ["admin", "channel_manager", "executive"] as const;

const content = (title: string) => ({
  contents: [
    { locale: "en" as const, title, bodyMarkdown: "Double points on **drills** this month." },
    { locale: "ru" as const, title: `${title} (ru)`, bodyMarkdown: "Двойные баллы за **дрели** в этом месяце." },
  ],
  link: null,
});

let draft: Promise<string> | undefined;
/** A manufacturer draft (the channel manager's). */
function manufacturerDraft(fx: AccessFixtures) {
  draft ??= (async () => {
    const cm = await actorFor(fx.userOf.channel_manager);
    return createAnnouncement(fx.db, cm, { ...content("Access matrix draft"), segment: EMPTY_SEGMENT });
  })();
  return draft;
}

let sent: Promise<string> | undefined;
/** Sent to the seeded salesperson's organisation, salespeople only. */
function sentToSalespeople(fx: AccessFixtures) {
  sent ??= (async () => {
    const cm = await actorFor(fx.userOf.channel_manager);
    const id = await createAnnouncement(fx.db, cm, {
      ...content("Access matrix news"),
      segment: { ...EMPTY_SEGMENT, organisationIds: [fx.partnerOrgId], roles: ["salesperson"] },
    });
    await sendAnnouncementNow(fx.db, cm, id);
    return id;
  })();
  return sent;
}

const rules: AccessRule[] = [
  { pattern: "/announcements", get: allowOnly(WRITERS), shows: "Announcements" },
  {
    pattern: "/announcements/new",
    get: allowOnly(WRITERS),
    post: { expect: allowOnly(WRITERS, "invalid") },
    shows: "Who receives it",
  },
  {
    pattern: "/announcements/:announcementId",
    path: async (fx) => `/announcements/${await manufacturerDraft(fx)}`,
    // The executive's side never sees the manufacturer's announcements.
    get: override(allowOnly(WRITERS), { executive: "not_found" }),
    post: { expect: allowOnly(WRITERS, "invalid") },
    shows: "Email preview",
  },
  {
    pattern: "/announcements/:announcementId/read",
    path: async (fx) => `/announcements/${await sentToSalespeople(fx)}/read`,
    get: override(allowOnly(["salesperson"], "ok", "not_found"), {}),
    shows: "Access matrix news",
  },
  { pattern: "/admin/tips", get: allowOnly(["admin"]), post: { expect: allowOnly(["admin"], "invalid") }, shows: "Product tips" },
];

export default rules;
