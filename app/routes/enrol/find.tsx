import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { joinCodeSchema } from "~/domain/enrolment/forms";
import { companyByCode, findCompanies } from "~/domain/enrolment/requests.server";
import { FIND_LIMIT, FIND_MIN } from "~/domain/enrolment/rules";
import { AuthPage } from "~/components/auth-page";
import { Button, FormErrors, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { UserError } from "~/lib/errors";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import { searchText } from "~/lib/search";
import type { Route } from "./+types/find";

/** Step one of joining without an account: find your company by name, or type its join code. */
export async function loader({ request, context }: Route.LoaderArgs) {
  if (context.actor) throw redirect("/home");
  const q = searchText(new URL(request.url), 80);
  const found = q ? await findCompanies(await getDb(), q) : [];
  return { q, found, searched: q.length >= FIND_MIN, tooShort: q.length > 0 && q.length < FIND_MIN };
}

export async function action({ request, context }: Route.ActionArgs) {
  if (context.actor) throw redirect("/home");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const { code } = parseForm(joinCodeSchema, formData);
    const organisationId = await companyByCode(await getDb(), code);
    // A wrong code and a code of an inactive partner read the same.
    if (!organisationId) throw new UserError("enrol.errors.code_unknown", "code");
    throw redirect(`/enrol/${organisationId}`);
  });
}

export default function FindCompany() {
  const t = useT();
  const { q, found, searched, tooShort } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  return (
    <AuthPage title={t("enrol.find.title")}>
      <p className="mb-4 text-sm text-slate-600">{t("enrol.find.intro")}</p>
      <FormErrors errors={errors} />
      <Form method="get" role="search" className="mb-2">
        <TextField
          label={t("enrol.find.name")}
          name="q"
          type="search"
          defaultValue={q}
          maxLength={80}
          autoComplete="organization"
          hint={t("enrol.find.name_hint", { count: FIND_MIN })}
        />
        <Button type="submit" variant="secondary" className="w-full">
          {t("enrol.find.search")}
        </Button>
      </Form>
      {tooShort ? <p className="mb-4 text-sm text-slate-600">{t("enrol.find.too_short", { count: FIND_MIN })}</p> : null}
      {searched ? (
        found.length ? (
          <ul className="mb-4 space-y-2" aria-label={t("enrol.find.results")}>
            {found.map((c) => (
              <li key={c.id}>
                <Link
                  to={`/enrol/${c.id}`}
                  className="flex min-h-11 flex-col justify-center rounded-lg border border-slate-200 px-3 py-2 text-brand-700 hover:bg-slate-50"
                >
                  <span className="font-medium">{c.name}</span>
                  {c.region ? <span className="text-xs text-slate-600">{c.region}</span> : null}
                </Link>
              </li>
            ))}
            {found.length >= FIND_LIMIT ? <li className="text-xs text-slate-600">{t("enrol.find.more", { count: FIND_LIMIT })}</li> : null}
          </ul>
        ) : (
          <p className="mb-4 text-sm text-slate-600">{t("enrol.find.none")}</p>
        )
      ) : null}
      <hr className="my-4 border-slate-200" />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="code" />
        <TextField
          label={t("enrol.find.code")}
          name="code"
          autoCapitalize="characters"
          autoComplete="off"
          maxLength={40}
          defaultValue={values.code ?? ""}
          errors={errors}
          hint={t("enrol.find.code_hint")}
        />
        <Button type="submit" className="w-full">
          {t("enrol.find.code_go")}
        </Button>
      </Form>
      <p className="mt-4 text-center text-sm">
        <Link to="/login" className="text-brand-600 underline">
          {t("enrol.find.have_account")}
        </Link>
      </p>
    </AuthPage>
  );
}
