// The parts of the `smpp` package (0.5.x, plain JavaScript) the portal and its tests use.
declare module "smpp" {
  import type { EventEmitter } from "node:events";
  export type Pdu = {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(fields?: Record<string, unknown>): Pdu;
  };
  export class Session extends EventEmitter {
    send(pdu: Pdu): boolean;
    bind_transceiver(fields: Record<string, unknown>, callback: (pdu: Pdu) => void): void;
    submit_sm(fields: Record<string, unknown>, callback: (pdu: Pdu) => void): void;
    unbind(fields?: Record<string, unknown>, callback?: (pdu: Pdu) => void): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }
  export class Server extends EventEmitter {
    listen(port: number, host?: string, callback?: () => void): this;
    close(callback?: () => void): void;
    address(): { port: number } | string | null;
    sessions: Session[];
  }
  export function connect(options: { url: string; auto_enquire_link_period?: number }, listener?: () => void): Session;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
  export const ESME_ROK: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RSYSERR: number;
}
