import { useEffect, useState } from 'react';

/** From this window width (CSS px) the H5 office console is laid out for a desk: sidebar, tables. */
export const DESK_MIN_WIDTH = 1024;

const DESK_QUERY = `(min-width: ${DESK_MIN_WIDTH}px)`;

/** The browser's media query for a desk-wide window; none on weapp (a phone is never a desk). */
function deskQuery(): MediaQueryList | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.matchMedia) return undefined;
  return window.matchMedia(DESK_QUERY);
}

/**
 * True while the H5 window is at least DESK_MIN_WIDTH wide (the office console on a PC); false on
 * weapp and on phone-sized windows. Follows the window as it is resized.
 */
export function useDeskLayout(): boolean {
  const [desk, setDesk] = useState(() => deskQuery()?.matches ?? false);
  useEffect(() => {
    const query = deskQuery();
    if (!query) return undefined;
    const update = () => setDesk(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return desk;
}
