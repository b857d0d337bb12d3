import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "../../db/client";
import { sendCertificateWarnings } from "../../app/domain/training/jobs.server";
import { seedDemo } from "../../scripts/seed/index";

async function counts() {
  const db = await getDb();
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select
      (select count(*)::int from courses) as courses,
      (select count(*)::int from course_lessons) as lessons,
      (select count(*)::int from quiz_questions) as questions,
      (select count(*)::int from webinars) as webinars,
      (select count(*)::int from quiz_attempts) as attempts,
      (select count(*)::int from certificates) as certificates,
      (select count(*)::int from webinar_attendance) as attendance,
      (select count(*)::int from ledger_entries where source_type in ('course', 'webinar')) as credits`),
  );
  return row;
}

beforeAll(async () => {
  await seedDemo(await getDb());
});

describe("training demo data", () => {
  it("adds demo progress on request, once, through the same rules participants go through", async () => {
    const content = await counts();
    expect(content).toMatchObject({ courses: 3, lessons: 7, questions: 12, webinars: 4, attempts: 0, credits: 0 });
    await seedDemo(await getDb(), { activity: true });
    const withActivity = await counts();
    expect(withActivity).toMatchObject({ certificates: 3, attendance: 2 });
    // Three course passes and two attendances, each credited through the ledger once.
    expect(withActivity.credits).toBe(5);
    await seedDemo(await getDb(), { activity: true });
    expect(await counts()).toEqual(withActivity);
  });

  it("has one demo certificate due for renewal, so the expiry email can be seen", async () => {
    expect(await sendCertificateWarnings(await getDb())).toBe(1);
  });
});
