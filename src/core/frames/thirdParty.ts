/**
 * Paths that belong to installed libraries or the runtime, never to the application, whatever
 * the SDK's in-app guess said: a frame in them must not send the user into a vendored copy.
 */
const THIRD_PARTY = [
  /(^|[\\/])node_modules[\\/]/,
  /(^|[\\/])(site|dist)-packages[\\/]/,
  /(^|[\\/])\.venv[\\/]|(^|[\\/])venv[\\/]lib[\\/]/,
  /(^|[\\/])lib[\\/]python\d+(\.\d+)?[\\/]/,
  /(^|[\\/])vendor[\\/]bundle[\\/]|(^|[\\/])gems[\\/][^\\/]+-\d/,
  /(^|[\\/])\.yarn[\\/](cache|unplugged)[\\/]/,
  /(^|[\\/])\.pnpm[\\/]/,
  /^node:|^internal[\\/]|^<[^>]*>$|^\[native code\]$/,
  /(^|[\\/])go[\\/]pkg[\\/]mod[\\/]|(^|[\\/])usr[\\/]local[\\/]go[\\/]src[\\/]/,
  /(^|[\\/])\.m2[\\/]repository[\\/]|(^|[\\/])\.gradle[\\/]caches[\\/]/,
];

export function isThirdPartyPath(path: string | undefined): boolean {
  if (!path) return false;
  return THIRD_PARTY.some((re) => re.test(path));
}
