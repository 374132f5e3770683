/**
 * "Something was changed": published after every successful write the app makes (issue 21, stale
 * screens — after checking in, buying or paying, the count, the stock and the order's state on the
 * screens still open were the old ones). Each loaded screen (`useApi`) loads again, keeping what it
 * shows until the new answer is in.
 */
type Listener = () => void;

const listeners = new Set<Listener>();
let scheduled = false;

/** Tells every screen once, after the writer's own updates (several writes together: once). */
export function dataChanged(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    listeners.forEach((listener) => listener());
  }, 0);
}

export function onDataChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
