/**
 * Liveness: the process is up and serving. It does not touch the database, so a database
 * outage never makes an orchestrator restart every portal process at once; /readyz is for that.
 * The offline page also asks this to learn whether the server is reachable.
 */
export async function loader() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
