import { PassThrough } from "node:stream";
import type { Response as ExpressResponse } from "express";
import { describe, expect, it } from "vitest";
import { writeBody } from "../../app/server/router-handler";

const CHUNK = 64 * 1024;

/** A body of `count` chunks that records how many the server has asked for, and whether it was cancelled. */
function producer(count: number) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === count) return controller.close();
      state.pulled++;
      controller.enqueue(Buffer.alloc(CHUNK, 97));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { body, state };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("a streamed answer (CSV export) is written at the client's pace", () => {
  it("reads the next chunk only when the client has taken the last one, and sends every byte", async () => {
    const { body, state } = producer(40);
    // A client that reads nothing yet: the socket buffer fills after the first chunk.
    const socket = new PassThrough({ highWaterMark: CHUNK });
    const done = writeBody(body, socket as unknown as ExpressResponse);
    await tick();
    // One chunk in the socket, at most one waiting in the stream's queue: not the whole export.
    expect(state.pulled).toBeLessThanOrEqual(3);
    let received = 0;
    socket.on("data", (c: Buffer) => {
      received += c.length;
    });
    await done;
    expect(state.pulled).toBe(40);
    await tick();
    expect(received).toBe(40 * CHUNK);
  });

  it("stops the producer (the database reads) when the client goes away", async () => {
    const { body, state } = producer(1000);
    const socket = new PassThrough({ highWaterMark: CHUNK });
    const done = writeBody(body, socket as unknown as ExpressResponse);
    await tick();
    socket.destroy();
    await done;
    await tick();
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(10);
  });
});
