import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { teamTraining } from "~/domain/training/reports.server";
import { Badge, Card, PageHeader, Table } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import type { Route } from "./+types/team";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.team");
  const url = new URL(request.url);
  const members = await teamTraining(await getDb(), actor, url.searchParams.get("org"));
  return { members, showOrganisation: isManufacturer(actor), now: Date.now(), org: url.searchParams.get("org") };
}

export default function TeamTraining() {
  const { members, showOrganisation, now, org } = useLoaderData<typeof loader>();
  const orgQuery = org ? `?org=${encodeURIComponent(org)}` : "";
  const t = useT();
  const f = useFormat();
  const assigned = members.reduce((s, m) => s + m.assigned, 0);
  const passed = members.reduce((s, m) => s + m.assignedPassed, 0);
  return (
    <>
      <PageHeader
        title={t("training.team.title")}
        subtitle={t("training.team.summary", { passed, count: assigned })}
        actions={
          <a href={`/learn/team/export${orgQuery}`} className="text-sm text-brand-600 underline" download>
            {t("training.export_csv")}
          </a>
        }
      />
      <Card>
        <Table
          head={[
            t("people.name"),
            ...(showOrganisation ? [t("training.team.organisation")] : []),
            t("training.team.assigned"),
            t("training.team.passed"),
            t("training.team.webinars"),
            t("training.team.points"),
            t("training.certificates"),
          ]}
        >
          {members.map((m) => (
            <tr key={m.userId}>
              <td className="px-3 py-2">
                <p className="font-medium">{m.name}</p>
                <p className="text-xs text-slate-500">{t(`role.${m.role}`)}</p>
              </td>
              {showOrganisation ? <td className="px-3 py-2">{m.organisation}</td> : null}
              <td className="px-3 py-2 whitespace-nowrap">
                <Badge tone={m.assigned && m.assignedPassed >= m.assigned ? "green" : m.assigned ? "amber" : "slate"}>
                  {m.assignedPassed} / {m.assigned}
                </Badge>
              </td>
              <td className="px-3 py-2">{m.coursesPassed}</td>
              <td className="px-3 py-2">{m.webinarsAttended}</td>
              <td className="px-3 py-2">{f.points(m.trainingPoints)}</td>
              <td className="px-3 py-2">
                <ul className="space-y-1">
                  {m.certificates.map((c) => {
                    const expired = new Date(c.expiresAt).getTime() <= now;
                    return (
                      <li key={c.id}>
                        <Link to={`/learn/certificates/${c.id}`} className="text-brand-600 underline">
                          {c.title}
                        </Link>{" "}
                        <span className={`text-xs ${expired ? "text-red-700" : "text-slate-500"}`}>
                          {t(expired ? "training.certificate.expired_on" : "training.certificate.valid_until", {
                            date: f.date(c.expiresAt),
                          })}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
