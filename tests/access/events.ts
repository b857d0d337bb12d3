import { createEvent } from "../../app/domain/events/events.server";
import { PARTNER_ROLES } from "../../db/schema/enums";
import { allowOnly, everyoneSignedIn, type AccessFixtures, type AccessRule } from "../support/access";
import { actorFor } from "../support/portal";

const ORGANISERS = ["admin", "trainer", "channel_manager"] as const;
const partners = [...PARTNER_ROLES];

/** An in-person event open to everyone, made once per run by the trainer. */
let made: Promise<string> | undefined;
function event(fx: AccessFixtures) {
  made ??= (async () => {
    const local = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 11);
    const e = await createEvent(fx.db, await actorFor(fx.userOf.trainer), {
      kind: "business_breakfast",
      title: "Access matrix breakfast",
      description: "",
      venueName: "Hotel Neris",
      venueAddress: "Konstitucijos pr. 1, Vilnius",
      startsLocal: `${local}08:30`,
      endsLocal: `${local}10:00`,
      timeZone: "Europe/Vilnius",
      capacity: 20,
      targetRoles: [],
      regions: [],
      points: 40,
    });
    return e.id;
  })();
  return made;
}

// Everyone signed in may look at an event open to all; partner people register; the trainers and
// the channel team organise, read attendance and check people in at the door.
const rules: AccessRule[] = [
  {
    pattern: "/learn/events/:eventId",
    path: async (fx) => `/learn/events/${await event(fx)}`,
    get: everyoneSignedIn(),
    post: { expect: allowOnly(partners, "invalid") },
    shows: "Hotel Neris",
  },
  {
    pattern: "/learn/events/:eventId/ics",
    path: async (fx) => `/learn/events/${await event(fx)}/ics`,
    get: everyoneSignedIn(),
    shows: "LOCATION:Hotel Neris",
  },
  {
    pattern: "/learn/events/:eventId/pass",
    path: async (fx) => `/learn/events/${await event(fx)}/pass`,
    get: everyoneSignedIn(),
    shows: "Access matrix breakfast",
  },
  {
    pattern: "/learn/manage/events/new",
    get: allowOnly(ORGANISERS),
    post: { expect: allowOnly(ORGANISERS, "invalid") },
    shows: "New in-person event",
  },
  {
    pattern: "/learn/manage/events/:eventId",
    path: async (fx) => `/learn/manage/events/${await event(fx)}`,
    get: allowOnly(ORGANISERS),
    post: { expect: allowOnly(ORGANISERS, "invalid") },
    shows: "Attendance by partner",
  },
  {
    pattern: "/learn/manage/events/:eventId/check-in",
    path: async (fx) => `/learn/manage/events/${await event(fx)}/check-in`,
    get: allowOnly(ORGANISERS),
    post: { expect: allowOnly(ORGANISERS, "invalid") },
    shows: "Check-in at the door",
  },
  {
    pattern: "/learn/manage/events/:eventId/attendance.csv",
    path: async (fx) => `/learn/manage/events/${await event(fx)}/attendance.csv`,
    get: allowOnly(ORGANISERS),
    shows: "Partner,Name",
  },
];

export default rules;
