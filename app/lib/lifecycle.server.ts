// Whether this process is shutting down. Shared through globalThis because the server script
// (scripts/serve.ts, run by tsx) and the built React Router bundle each load their own copy of
// this module, as with the database handle in db/client.ts.
const slot = globalThis as unknown as { __portalDraining?: boolean };

/** From now on /readyz answers 503, so a load balancer stops sending new requests here. */
export function startDraining(): void {
  slot.__portalDraining = true;
}

export function isDraining(): boolean {
  return slot.__portalDraining === true;
}
