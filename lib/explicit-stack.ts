/**
 * A computation that needs the results of others (a block's Markdown needs its children's),
 * written as a generator that yields each computation it needs and is resumed with its
 * result: `const text = yield* resultOf(render(child))`. `runOnOwnStack` runs it with a stack
 * of its own, so how deep the computations nest costs no call stack.
 */
export type Steps<T> = Generator<Steps<unknown>, T, unknown>;

/** Asks the runner for the result of `steps`. */
export function* resultOf<T>(steps: Steps<T>): Generator<Steps<unknown>, T, unknown> {
  return (yield steps) as T;
}

export function runOnOwnStack<T>(root: Steps<T>): T {
  const stack: Array<Steps<unknown>> = [root];
  let received: unknown;
  for (;;) {
    const step = (stack.at(-1) as Steps<unknown>).next(received);
    if (step.done) {
      stack.pop();
      received = step.value;
      if (stack.length === 0) return received as T;
    } else {
      stack.push(step.value);
      received = undefined;
    }
  }
}
