// The few parts of autocannon 9 the bench uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    pipelining?: number;
    timeout?: number;
  };
  type Result = { requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number; duration: number };
  type Instance = EventEmitter & Promise<Result>;
  function autocannon(opts: Options): Instance;
  export default autocannon;
}
