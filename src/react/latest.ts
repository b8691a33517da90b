import { useEffect, useLayoutEffect, useRef } from 'react';

// A layout effect in the browser, so the ref is current before any passive effect (where sockets
// are created and listeners attached) reads it; a plain effect on the server, where neither runs
// and React 18 would warn about useLayoutEffect.
const useBeforePaint: typeof useEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * A ref that always holds the value of the last committed render, so callbacks handed to a socket
 * once can call the newest closure without resubscribing or reconnecting.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useBeforePaint(() => {
    ref.current = value;
  });
  return ref;
}
