/** autocannon ships no types; the bench uses its programmatic API (see http.ts). */
declare module 'autocannon' {
  const autocannon: (options: Record<string, unknown>) => any;
  export default autocannon;
}
