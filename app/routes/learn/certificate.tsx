import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { getCertificate } from "~/domain/training/certificates.server";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/certificate";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "learn.view");
  const c = orNotFound(await getCertificate(await getDb(), actor, params.certificateId));
  return {
    number: c.number,
    title: c.title,
    holder: c.holder,
    organisation: c.organisation,
    issuedAt: c.issued_at,
    expiresAt: c.expires_at,
    expired: c.expires_at.getTime() <= Date.now(),
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.title} · ${data.holder}` : "Certificate" }];
}

/** Outside the signed-in frame on purpose: the page is the certificate, and prints as one A4 sheet. */
export default function CertificatePage() {
  const c = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <main className="mx-auto max-w-3xl p-4 print:max-w-none print:p-0">
      <div className="mb-4 flex items-center justify-between print:hidden">
        <Link to="/learn" className="text-brand-600 underline">
          {t("training.title")}
        </Link>
        <button
          type="button"
          onClick={() => window.print()}
          className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
        >
          {t("training.certificate.print")}
        </button>
      </div>
      <article className="rounded-xl border-8 border-double border-brand-600 bg-white p-8 text-center shadow-sm sm:p-12 print:shadow-none">
        <p className="text-sm font-semibold tracking-widest text-brand-600 uppercase">{t("app.name")}</p>
        <h1 className="mt-6 text-3xl font-semibold sm:text-4xl">{t("training.certificate.heading")}</h1>
        <p className="mt-6 text-slate-600">{t("training.certificate.awarded_to")}</p>
        <p className="mt-2 text-2xl font-semibold sm:text-3xl" data-testid="holder">
          {c.holder}
        </p>
        <p className="text-slate-600">{c.organisation}</p>
        <p className="mt-6 text-slate-600">{t("training.certificate.for_completing")}</p>
        <p className="mt-2 text-xl font-medium">{c.title}</p>
        <dl className="mx-auto mt-8 grid max-w-md grid-cols-2 gap-2 text-left text-sm">
          <dt className="text-slate-500">{t("training.certificate.issued")}</dt>
          <dd>{f.date(c.issuedAt)}</dd>
          <dt className="text-slate-500">{t("training.certificate.valid_to")}</dt>
          <dd className={c.expired ? "font-semibold text-red-700" : ""}>
            {f.date(c.expiresAt)}
            {c.expired ? ` (${t("training.certificate.expired")})` : ""}
          </dd>
          <dt className="text-slate-500">{t("training.certificate.number")}</dt>
          <dd className="font-mono">{c.number}</dd>
        </dl>
      </article>
    </main>
  );
}
