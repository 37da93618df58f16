// The loop's yield, for every worker: a MessageChannel round trip is a macrotask without
// setTimeout's 4 ms clamp, so commands get in between steps at almost no cost.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

/** Lets queued messages in, then resolves. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}
