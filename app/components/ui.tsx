import {
  Children,
  type ComponentProps,
  Fragment,
  type ReactNode,
  cloneElement,
  isValidElement,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { Form, useActionData } from "react-router";
import { Link } from "~/components/link";
import { useT } from "~/i18n/react";
import type { ErrorMessage, FieldErrors } from "~/lib/form-types";

export type ActionResult = { ok: false; errors: FieldErrors; values: Record<string, string> } | { ok: true; message?: string } | undefined;

export function errorsOf(result: unknown): FieldErrors {
  return (result as { errors?: FieldErrors } | undefined)?.errors ?? {};
}
export function valuesOf(result: unknown): Record<string, string> {
  return (result as { values?: Record<string, string> } | undefined)?.values ?? {};
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 ${className}`}>{children}</section>;
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
      </div>
      {actions}
    </div>
  );
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ComponentProps<"button"> & { variant?: "primary" | "secondary" | "danger" }) {
  const styles = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
    danger: "bg-red-600 text-white hover:bg-red-700",
  }[variant];
  return (
    <button
      className={`inline-flex min-h-11 items-center justify-center rounded-lg px-4 text-sm font-medium disabled:opacity-60 ${styles} ${className}`}
      {...props}
    />
  );
}

function Messages({ id, messages }: { id: string; messages?: ErrorMessage[] }) {
  const t = useT();
  if (!messages?.length) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700">
      {messages.map((m) => t(m.key, m.vars)).join(" ")}
    </p>
  );
}

/** Where a field named in an error lives on the page: the control marked invalid, else its usual id. */
function fieldElement(field: string): HTMLElement | null {
  const name = CSS.escape(field);
  return (
    document.querySelector<HTMLElement>(`[name="${name}"][aria-invalid="true"]`) ??
    document.getElementById(`f-${field}`) ??
    document.querySelector<HTMLElement>(`[name="${name}"]`) ??
    document.querySelector<HTMLElement>(`[name="${CSS.escape(field.replace(/\.\d+$/, ""))}"]`)
  );
}

/**
 * The one error summary (GOV.UK's pattern) every form with field errors shows at its top: after a
 * failed send it takes the focus and scrolls into view, names what went wrong, and links each
 * message to its field. A message about the whole form (`_form`) is shown in it as before.
 */
export function FormErrors({ errors }: { errors: FieldErrors }) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  const titleId = useId();
  const formMessages = errors._form ?? [];
  const fields = Object.entries(errors).filter(([field, messages]) => field !== "_form" && messages?.length);
  const shown = formMessages.length > 0 || fields.length > 0;
  // Once per failed send (a new action result), not on every render of the same errors.
  const sent = useActionData();
  const signature = JSON.stringify(errors);
  // Each message is named by its field's label ("Invoice date: Please fill this in."), read from the
  // page once it is shown (the summary does not know the forms' labels).
  const [labels, setLabels] = useState<Record<string, string>>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels change only with the set of errors.
  useEffect(() => {
    const found: Record<string, string> = {};
    for (const field of Object.keys(errors)) {
      const el = field === "_form" ? null : fieldElement(field);
      const label = el && "labels" in el ? (el as HTMLInputElement).labels?.[0]?.textContent?.trim() : undefined;
      if (label) found[field] = label;
    }
    setLabels(found);
  }, [signature]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new action result is a new failed send, focused again.
  useEffect(() => {
    if (!shown || !ref.current || !signature) return;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView({ block: "start", behavior: "instant" });
  }, [sent, signature, shown]);
  if (!shown) return null;
  return (
    <section
      ref={ref}
      tabIndex={-1}
      data-testid="error-summary"
      aria-labelledby={fields.length ? titleId : undefined}
      className="mb-4 scroll-mt-4 rounded-lg border-2 border-red-600 bg-red-50 p-3 text-sm text-red-800 focus:ring-4 focus:ring-red-200 focus:outline-none"
    >
      {fields.length ? (
        <h2 id={titleId} className="mb-1 text-base font-semibold text-red-900">
          {t("ui.errors.title")}
        </h2>
      ) : null}
      {formMessages.length ? <div role="alert">{formMessages.map((m) => t(m.key, m.vars)).join(" ")}</div> : null}
      {fields.length ? (
        <ul className="mt-1 space-y-1">
          {fields.map(([field, messages]) => (
            <li key={field}>
              <a
                href={`#f-${field}`}
                className="inline-flex min-h-11 items-center font-medium text-red-800 underline md:min-h-0"
                onClick={(e) => {
                  const target = fieldElement(field);
                  if (!target) return;
                  e.preventDefault();
                  target.scrollIntoView({ block: "center" });
                  target.focus({ preventScroll: true });
                }}
              >
                {labels[field] ? `${labels[field]}: ` : ""}
                {messages!.map((m) => t(m.key, m.vars)).join(" ")}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
      {children}
    </div>
  );
}

type FieldProps = { label: string; name: string; errors?: FieldErrors; hint?: string };
type ControlProps = { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** Label, control, hint and error messages: the frame every form field shares. */
function Field({
  label,
  name,
  errors,
  hint,
  className = "",
  id: given,
  control,
}: FieldProps & { className?: string; id?: string; control: (props: ControlProps) => ReactNode }) {
  const id = given ?? `f-${name}`;
  const messages = errors?.[name];
  const invalid = messages?.length ? true : undefined;
  return (
    <div className={`mb-4 ${className}`}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {control({ id, name, "aria-invalid": invalid, "aria-describedby": invalid ? `${id}-error` : undefined })}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <Messages id={`${id}-error`} messages={messages} />
    </div>
  );
}

const control =
  "block w-full rounded-lg border border-slate-300 bg-white text-base focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-invalid:border-red-500";

export function TextField({ label, name, errors, hint, className, ...input }: FieldProps & ComponentProps<"input">) {
  return (
    <Field
      {...{ label, name, errors, hint, className, id: input.id }}
      control={(p) => <input {...p} className={`min-h-11 px-3 ${control}`} {...input} />}
    />
  );
}

/** A file picker with its label and error messages; the server checks type and size. */
export function FileField({ label, name, errors, hint, className, ...input }: FieldProps & ComponentProps<"input">) {
  return (
    <Field
      {...{ label, name, errors, hint, className, id: input.id }}
      control={(p) => <input {...p} type="file" className="block text-sm" {...input} />}
    />
  );
}

export function TextAreaField({ label, name, errors, hint, className, ...area }: FieldProps & ComponentProps<"textarea">) {
  return (
    <Field
      {...{ label, name, errors, hint, className, id: area.id }}
      control={(p) => <textarea {...p} className={`p-3 ${control}`} {...area} />}
    />
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  options,
  className,
  ...select
}: FieldProps & ComponentProps<"select"> & { options: Array<{ value: string; label: string }> }) {
  return (
    <Field
      {...{ label, name, errors, hint, className, id: select.id }}
      control={(p) => (
        <select {...p} className={`min-h-11 px-3 ${control}`} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function Badge({ children, tone = "slate" }: { children: ReactNode; tone?: "slate" | "green" | "amber" | "red" | "blue" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700",
    green: "bg-emerald-100 text-emerald-800",
    amber: "bg-amber-100 text-amber-800",
    red: "bg-red-100 text-red-800",
    blue: "bg-brand-100 text-brand-700",
  }[tone];
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones}`}>{children}</span>;
}

/** Puts each header's text on its column's cells (`data-label`), which the card layout shows beside the value. */
function labelCells(children: ReactNode, head: ReactNode[]): ReactNode {
  const labels = head.map((h) => (typeof h === "string" || typeof h === "number" ? String(h) : ""));
  return Children.map(children, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row)) return row;
    if (row.type === Fragment) return labelCells(row.props.children, head);
    if (row.type !== "tr") return row;
    let column = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<{ colSpan?: number; "data-label"?: string }>(cell) || (cell.type !== "td" && cell.type !== "th")) return cell;
      const label = labels[column];
      column += cell.props.colSpan ?? 1;
      return label && cell.props["data-label"] === undefined ? cloneElement(cell, { "data-label": label }) : cell;
    });
    return cloneElement(row, {}, cells);
  });
}

/**
 * The one data table: a table from the md breakpoint up, a list of cards on a phone, where each
 * cell shows its column's name beside it and the actions (forms, links) wrap inside the card, so
 * nothing hides off the right edge. A column without a heading (actions) gets a hidden one,
 * read by screen readers.
 */
export function Table({ head, children, caption }: { head: ReactNode[]; children: ReactNode; caption?: string }) {
  const t = useT();
  return (
    // A wide table scrolls sideways on a desktop: it takes focus so a keyboard can scroll it too
    // (axe scrollable-region-focusable). Not a landmark: a page with several tables would repeat it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <div className="responsive-table md:overflow-x-auto" tabIndex={0}>
      <table className="min-w-full text-sm md:divide-y md:divide-slate-200">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                {h === "" || h === null || h === undefined ? <span className="sr-only">{t("ui.table.actions")}</span> : h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="md:divide-y md:divide-slate-100">{labelCells(children, head)}</tbody>
      </table>
    </div>
  );
}

/** The small link above a page title, back to the list it belongs to. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link to={to} className="text-brand-600 underline">
        {children}
      </Link>
    </p>
  );
}

/** A card whose one button posts an intent (approve, mark delivered, mark received), with a line saying what it does. */
export function IntentCard({
  intent,
  label,
  hint,
  variant,
  disabled,
}: {
  intent: string;
  label: string;
  hint?: string;
  variant?: "primary" | "secondary" | "danger";
  disabled?: boolean;
}) {
  return (
    <Card>
      <Form method="post">
        {hint ? <p className="mb-3 text-sm text-slate-700">{hint}</p> : null}
        <Button type="submit" name="intent" value={intent} variant={variant} disabled={disabled}>
          {label}
        </Button>
      </Form>
    </Card>
  );
}
