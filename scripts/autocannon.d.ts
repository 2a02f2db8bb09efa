// autocannon ships no types; the bench uses only this much of it.
declare module "autocannon" {
  interface Options { url: string; connections?: number; duration?: number; headers?: Record<string, string> }
  interface Result { non2xx: number; requests: { average: number } }
  export default function autocannon(opts: Options): Promise<Result>;
}
