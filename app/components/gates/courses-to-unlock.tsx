import { Link } from "~/components/link";
import { useT } from "~/i18n/react";

/**
 * What a person must complete before a reward, contest or tier opens to them, each course a link
 * to take it. `kind` picks the sentence ("to unlock this reward", "to take part").
 */
export function CoursesToUnlock({ courses, kind }: { courses: Array<{ courseId: string; title: string }>; kind: "reward" | "contest" }) {
  const t = useT();
  if (!courses.length) return null;
  return (
    <section
      aria-labelledby="gates-locked"
      className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4"
      data-testid="courses-to-unlock"
    >
      <h2 id="gates-locked" className="font-semibold text-amber-900">
        {t(kind === "reward" ? "gates.locked.reward_title" : "gates.locked.contest_title")}
      </h2>
      <ul className="mt-2 space-y-2">
        {courses.map((c) => (
          <li key={c.courseId}>
            <Link to={`/learn/courses/${c.courseId}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t("gates.locked.complete", { course: c.title })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
