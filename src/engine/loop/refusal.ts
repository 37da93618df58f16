/** A command the engine turns down (bad settings, nothing to act on yet): it changes nothing, so a running run keeps running. */
export class Refusal extends Error {
  override name = 'Refusal';
}
